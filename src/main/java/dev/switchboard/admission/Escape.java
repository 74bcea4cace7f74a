package dev.switchboard.admission;

/** Makes client-supplied text safe for a log line: no line breaks or control characters, bounded length. */
final class Escape {

    private static final int MAX = 200;

    private Escape() {
    }

    static String forLog(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder safe = new StringBuilder();
        text.codePoints().limit(MAX).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > MAX ? safe + "..." : safe.toString();
    }
}
