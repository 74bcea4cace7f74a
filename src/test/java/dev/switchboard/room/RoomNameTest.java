package dev.switchboard.room;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Room_1", "a-b-c", "0123456789012345678901234567890123456789012345678901234567890123"})
    void acceptsOneToSixtyFourSafeCharacters(String name) {
        assertTrue(RoomName.isValid(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"01234567890123456789012345678901234567890123456789012345678901234", "a b", "a/b", "a.b",
            "é", "a\nb", "a\u0000", "../x", "room%20", " a"})
    void rejectsEverythingElse(String name) {
        assertFalse(RoomName.isValid(name));
    }
}
