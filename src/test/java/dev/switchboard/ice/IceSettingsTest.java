package dev.switchboard.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code switchboard.ice.*} as configured: lists, schemes, the secret and the lifetime. */
class IceSettingsTest {

    private static IceSettings settings(String stun, String turn, String secret, long ttl) {
        return IceSettings.of(Optional.ofNullable(stun), Optional.ofNullable(turn), Optional.ofNullable(secret), ttl);
    }

    @Test
    void urlListsAreCommaSeparatedWithSpacesAndEmptyEntriesIgnored() {
        IceSettings settings = settings(" stun:a.example:3478 ,, stun:b.example ",
                "turn:t.example:3478?transport=udp,turns:t.example:5349?transport=tcp", "s3cret", 3600);
        assertEquals(List.of("stun:a.example:3478", "stun:b.example"), settings.stunUrls());
        assertEquals(List.of("turn:t.example:3478?transport=udp", "turns:t.example:5349?transport=tcp"),
                settings.turnUrls());
        assertTrue(settings.turn());
    }

    @Test
    void nothingConfiguredMeansNoServers() {
        IceSettings settings = settings(null, null, null, 3600);
        assertEquals(List.of(), settings.stunUrls());
        assertEquals(List.of(), settings.turnUrls());
        assertFalse(settings.turn());
    }

    @Test
    void turnNeedsBothUrlsAndASecret() {
        assertFalse(settings(null, "turn:t.example", null, 3600).turn());
        assertFalse(settings(null, "turn:t.example", "  ", 3600).turn());
        assertFalse(settings(null, null, "s3cret", 3600).turn());
    }

    @Test
    void aUrlOfTheWrongSchemeNamesItsKey() {
        IllegalArgumentException stun = assertThrows(IllegalArgumentException.class,
                () -> settings("turn:t.example", null, null, 3600));
        assertTrue(stun.getMessage().contains("switchboard.ice.stun-urls"), stun.getMessage());
        IllegalArgumentException turn = assertThrows(IllegalArgumentException.class,
                () -> settings(null, "stun:s.example", "s3cret", 3600));
        assertTrue(turn.getMessage().contains("switchboard.ice.turn-urls"), turn.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(null, "turn:", "s3cret", 3600));
        assertThrows(IllegalArgumentException.class, () -> settings(null, "http://t.example", "s3cret", 3600));
    }

    @Test
    void theSecretIsNeverInAnErrorMessage() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> settings(null, "turn:t.example", "do-not-print-me", 5));
        assertFalse(error.getMessage().contains("do-not-print-me"), error.getMessage());
    }

    @Test
    void aLifetimeUnderTenSecondsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> settings(null, "turn:t.example", "s3cret", 9));
        assertEquals(10, settings(null, "turn:t.example", "s3cret", 10).turnTtlSeconds());
    }
}
