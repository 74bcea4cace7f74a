package dev.switchboard.protocol;

/** Measures text frames in UTF-8 bytes, the unit of the message size limit. */
public final class FrameSize {

    private FrameSize() {
    }

    /** Whether {@code text} takes more than {@code limit} bytes in UTF-8; counts only when it must. */
    static boolean exceeds(String text, int limit) {
        int chars = text.length();
        if (chars > limit) {
            return true; // every char takes at least one byte
        }
        if (chars <= limit / 3) {
            return false; // a char takes at most three bytes (a surrogate pair takes four for two chars)
        }
        return utf8Length(text) > limit;
    }

    /** The length of {@code text} in UTF-8, without encoding it. */
    public static long utf8Length(String text) {
        int chars = text.length();
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2; // a surrogate pair is 4 bytes: 2 per half
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
