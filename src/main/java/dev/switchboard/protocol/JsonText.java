package dev.switchboard.protocol;

/** JSON strings to and from text, for the frames the server builds without JSON-B. */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** Appends {@code value} as a JSON string, escaping what JSON requires and nothing else (as JSON-B writes). */
    static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.append(value, plain, value.length()).append('"');
    }

    /**
     * The string a well-formed JSON string literal stands for; {@code start} is its opening quote and
     * {@code end} just past its closing one.
     */
    static String unquote(String text, int start, int end) {
        int backslash = text.indexOf('\\', start + 1);
        if (backslash < 0 || backslash >= end) {
            return text.substring(start + 1, end - 1);
        }
        StringBuilder out = new StringBuilder(end - start);
        int i = start + 1;
        while (i < end - 1) {
            char c = text.charAt(i++);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(i++);
            switch (escaped) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text, i, i + 4, 16));
                    i += 4;
                }
                default -> out.append(escaped); // " \ /
            }
        }
        return out.toString();
    }
}
