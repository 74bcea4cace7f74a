package dev.switchboard.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.IceServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which servers a peer is given, and when they are renewed. */
class IceServerIssuerTest {

    private static final Clock AT_1_800_000_000 = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);

    static IceServerIssuer issuer(String stun, String turn, String secret, long ttl) {
        return new IceServerIssuer(IceSettings.of(Optional.ofNullable(stun), Optional.ofNullable(turn),
                Optional.ofNullable(secret), ttl), AT_1_800_000_000);
    }

    @Test
    void withNothingConfiguredNoServerIsGivenAndNothingExpires() {
        IceServerIssuer issuer = issuer(null, null, null, 3600);
        assertEquals(List.of(), issuer.issue("p1"));
        assertFalse(issuer.expires());
    }

    @Test
    void stunServersComeWithoutCredentials() {
        List<IceServer> servers = issuer("stun:s.example:3478", null, null, 3600).issue("p1");
        assertEquals(List.of(new IceServer(List.of("stun:s.example:3478"), null, null)), servers);
    }

    @Test
    void turnServersComeWithTheirPeersOwnCredential() {
        IceServerIssuer issuer = issuer("stun:s.example", "turn:t.example:3478,turns:t.example:5349", "north-wind-secret", 3600);
        List<IceServer> servers = issuer.issue("p1");
        assertEquals(2, servers.size());
        IceServer turn = servers.get(1);
        assertEquals(List.of("turn:t.example:3478", "turns:t.example:5349"), turn.urls());
        assertEquals("1800003600:p1", turn.username());
        assertEquals("/piHOWTdByFDtP/ucsw2l7P9dzE=", turn.credential());
        assertTrue(issuer.expires());
    }

    @Test
    void turnUrlsWithoutASecretGiveNoTurnServer() {
        List<IceServer> servers = issuer("stun:s.example", "turn:t.example", null, 3600).issue("p1");
        assertEquals(1, servers.size());
        assertNull(servers.get(0).username());
    }

    @Test
    void credentialsAreRenewedAfter60PercentOfTheirLifetimeAndCheckedEveryTenth() {
        IceServerIssuer issuer = issuer(null, "turn:t.example", "s", 20);
        assertEquals(TimeUnit.SECONDS.toNanos(12), issuer.renewAfterNanos());
        assertEquals(2_000, issuer.checkEveryMillis());
    }
}
