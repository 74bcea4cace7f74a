package dev.switchboard.directory;

import static dev.switchboard.fuzz.FuzzedText.anyText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.text.Normalizer;
import java.util.Optional;
import java.util.Set;

/**
 * {@link DisplayName#normalize} against the rule of docs/protocol.md, written as an allow-list of Unicode
 * general categories where the code keeps a deny-list: the two agree only if neither forgets a category.
 */
class DisplayNameFuzzTest {

    /** Letters, marks, numbers, punctuation and symbols; of the space separators only U+0020, checked apart. */
    private static final Set<Integer> ALLOWED_CATEGORIES = Set.of(
            (int) Character.UPPERCASE_LETTER, (int) Character.LOWERCASE_LETTER, (int) Character.TITLECASE_LETTER,
            (int) Character.MODIFIER_LETTER, (int) Character.OTHER_LETTER,
            (int) Character.NON_SPACING_MARK, (int) Character.ENCLOSING_MARK, (int) Character.COMBINING_SPACING_MARK,
            (int) Character.DECIMAL_DIGIT_NUMBER, (int) Character.LETTER_NUMBER, (int) Character.OTHER_NUMBER,
            (int) Character.CONNECTOR_PUNCTUATION, (int) Character.DASH_PUNCTUATION,
            (int) Character.START_PUNCTUATION, (int) Character.END_PUNCTUATION,
            (int) Character.INITIAL_QUOTE_PUNCTUATION, (int) Character.FINAL_QUOTE_PUNCTUATION,
            (int) Character.OTHER_PUNCTUATION,
            (int) Character.MATH_SYMBOL, (int) Character.CURRENCY_SYMBOL, (int) Character.MODIFIER_SYMBOL,
            (int) Character.OTHER_SYMBOL);

    /** Any text, or null: names arrive as JSON strings, which may hold any character. */
    @FuzzTest(maxDuration = "2m")
    void normalize(FuzzedDataProvider data) {
        String name = data.consumeBoolean() ? null : anyText(data);
        Optional<String> registered = DisplayName.normalize(name);
        if (name == null) {
            assertEquals(Optional.empty(), registered);
            return;
        }
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        assertEquals(followsTheRule(nfc) ? Optional.of(nfc) : Optional.empty(), registered, () -> "for " + name);
        // A registered name is a fixed point: registering it again yields the same name, hence the same key.
        registered.ifPresent(it -> assertEquals(registered, DisplayName.normalize(it), () -> "for " + name));
    }

    /** 1 to 32 code points of the allowed categories or U+0020, not starting or ending with U+0020. */
    private static boolean followsTheRule(String nfc) {
        int[] codePoints = nfc.codePoints().toArray();
        if (codePoints.length < 1 || codePoints.length > 32
                || codePoints[0] == ' ' || codePoints[codePoints.length - 1] == ' ') {
            return false;
        }
        for (int codePoint : codePoints) {
            if (codePoint != ' ' && !ALLOWED_CATEGORIES.contains(Character.getType(codePoint))) {
                return false;
            }
        }
        return true;
    }
}
