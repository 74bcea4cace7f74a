package dev.switchboard.room;

import static dev.switchboard.fuzz.FuzzedText.anyText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link RoomName#isValid} against the rule of docs/protocol.md, written out as a loop so that a mistake in
 * the regex (a missing anchor, a wrong range, a length off by one) shows up as a disagreement.
 */
class RoomNameFuzzTest {

    /** Any text, or null: room names arrive as JSON strings, which may hold any character. */
    @FuzzTest(maxDuration = "2m")
    void isValid(FuzzedDataProvider data) {
        String name = data.consumeBoolean() ? null : anyText(data);
        assertEquals(followsTheRule(name), RoomName.isValid(name), () -> "for " + name);
    }

    /** 1 to 64 characters from A-Z a-z 0-9 _ -. */
    private static boolean followsTheRule(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
