package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameSizeTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "\u00e9", "\u20ac", "\ud83d\ude00", "mixed \u00e9\u20ac\ud83d\ude00 text"})
    void agreesWithTheEncoderAtEveryLimit(String unit) {
        String text = unit.repeat(40);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertFalse(FrameSize.exceeds(text, bytes), "at its own size");
        assertTrue(FrameSize.exceeds(text, bytes - 1), "one byte under its size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "\u00e9", "\u20ac", "\ud83d\ude00", "mixed \u00e9\u20ac\ud83d\ude00 text"})
    void measuresTheLengthTheEncoderWrites(String text) {
        org.junit.jupiter.api.Assertions.assertEquals(text.getBytes(StandardCharsets.UTF_8).length,
                FrameSize.utf8Length(text));
    }

    @Test
    void aShortAsciiTextIsUnderALargeLimit() {
        assertFalse(FrameSize.exceeds("{\"type\":\"leave\"}", 65536));
    }
}
