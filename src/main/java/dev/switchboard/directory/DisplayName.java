package dev.switchboard.directory;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule for directory names. A name is 1 to 32 characters (Unicode code points, after NFC
 * normalisation); letters, digits, marks, punctuation, symbols and inner spaces are allowed; control and
 * format characters (which include the invisible and bidirectional ones used for look-alike names), line
 * and paragraph separators, private-use and unassigned code points are not; no leading or trailing space.
 * Names are unique ignoring case: "Alice" and "alice" are the same person.
 */
public final class DisplayName {

    public static final int MAX_LENGTH = 32;

    private DisplayName() {
    }

    /** The name as it is registered and shown (NFC), or empty if it breaks the rule. */
    public static Optional<String> normalize(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        int length = nfc.codePointCount(0, nfc.length());
        if (length < 1 || length > MAX_LENGTH || !nfc.strip().equals(nfc)) {
            return Optional.empty();
        }
        boolean allAllowed = nfc.codePoints().allMatch(DisplayName::allowed);
        return allAllowed ? Optional.of(nfc) : Optional.empty();
    }

    /** The key two names share exactly when they are the same name: case-folded. */
    public static String key(String normalizedName) {
        return normalizedName.toLowerCase(Locale.ROOT);
    }

    private static boolean allowed(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            case Character.SPACE_SEPARATOR -> codePoint == ' ';
            default -> true;
        };
    }
}
