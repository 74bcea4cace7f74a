package dev.switchboard.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Alice", "Ada Lovelace", "José", "李雷", "o'Brien-2", "🙂 smile",
            "12345678901234567890123456789012"})
    void acceptsPrintableNamesOfOneToThirtyTwoCharacters(String name) {
        assertEquals(Optional.of(name), DisplayName.normalize(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", " alice", "alice ", "a\tb", "a\nb", "a\u0000b", "bob\u200b", "\u202eecila",
            "a\u2028b", "x\ue000", "123456789012345678901234567890123", "two\u00a0spaces"})
    void rejectsEverythingElse(String name) {
        assertTrue(DisplayName.normalize(name).isEmpty(), () -> "accepted " + name);
    }

    @Test
    void normalizesToNfcSoLookAlikeSpellingsAreOneName() {
        String decomposed = "Jose\u0301"; // e + combining acute
        assertEquals(Optional.of("José"), DisplayName.normalize(decomposed));
    }

    @Test
    void namesDifferingOnlyInCaseShareAKey() {
        assertEquals(DisplayName.key("Alice"), DisplayName.key("aLICE"));
    }

    @Test
    void countsCodePointsNotCharsForTheLengthLimit() {
        assertTrue(DisplayName.normalize("🙂".repeat(32)).isPresent());
        assertTrue(DisplayName.normalize("🙂".repeat(33)).isEmpty());
    }
}
