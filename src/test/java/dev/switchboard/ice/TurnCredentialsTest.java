package dev.switchboard.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The TURN REST API credential, checked against values computed outside Java. */
class TurnCredentialsTest {

    private final TurnCredentials credentials = new TurnCredentials("north-wind-secret", 3600);

    @Test
    void theUsernameIsTheExpiryInUnixSecondsAndThePeerId() {
        TurnCredentials.Credential credential = credentials.issue("p1", 1_800_000_000L);
        assertEquals("1800003600:p1", credential.username());
        assertEquals(1_800_003_600L, credential.expiresAt());
    }

    @Test
    void theCredentialIsTheBase64OfTheHmacSha1OfTheUsername() {
        // printf '%s' '1800003600:p1' | openssl dgst -sha1 -hmac 'north-wind-secret' -binary | base64
        assertEquals("/piHOWTdByFDtP/ucsw2l7P9dzE=", credentials.issue("p1", 1_800_000_000L).credential());
    }

    @Test
    void eachPeerAndEachExpiryHasItsOwnCredential() {
        String credential = credentials.issue("p1", 1_800_000_000L).credential();
        assertNotEquals(credential, credentials.issue("p2", 1_800_000_000L).credential());
        assertNotEquals(credential, credentials.issue("p1", 1_800_000_001L).credential());
        assertNotEquals(credential, new TurnCredentials("south-wind-secret", 3600).issue("p1", 1_800_000_000L).credential());
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TurnCredentials("", 3600));
    }
}
