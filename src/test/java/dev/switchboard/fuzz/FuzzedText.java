package dev.switchboard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/** Text as clients can send it, for the fuzz tests of name rules. */
public final class FuzzedText {

    private FuzzedText() {
    }

    /**
     * Text of at most about 200 chars. Jazzer's strings are well-formed UTF-16, but a JSON string can carry a lone
     * surrogate as an escape, so one may be put in anywhere (also between the halves of a pair).
     */
    public static String anyText(FuzzedDataProvider data) {
        String text = data.consumeString(200);
        if (!data.consumeBoolean()) {
            return text;
        }
        int at = data.consumeInt(0, text.length());
        return text.substring(0, at) + data.consumeChar(Character.MIN_SURROGATE, Character.MAX_SURROGATE)
                + text.substring(at);
    }
}
