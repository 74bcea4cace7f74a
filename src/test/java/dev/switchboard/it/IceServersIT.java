package dev.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Black-box, against a real coturn: the ICE servers of {@code welcome} and of the {@code ice-servers}
 * refresh carry credentials that coturn accepts, and only until they expire. The server gives credentials
 * of {@value #TTL_SECONDS} s, so that the refresh and the expiry come within a test.
 */
class IceServersIT {

    private static final long TTL_SECONDS = 12;

    @RegisterExtension
    @Order(1)
    static final TurnServer turn = new TurnServer();

    @RegisterExtension
    @Order(2)
    static final ExtraServer server = new ExtraServer("iceServersIT", Map.of(
            "SWITCHBOARD_ICE_STUN_URLS", turn.stunUrl(),
            "SWITCHBOARD_ICE_TURN_URLS", turn.url(),
            "SWITCHBOARD_ICE_TURN_SECRET", turn.secret(),
            "SWITCHBOARD_ICE_TURN_TTL_SECONDS", String.valueOf(TTL_SECONDS)));

    /** The TURN entry of {@code iceServers}: the one with a username. */
    private static JsonObject turnEntry(JsonArray iceServers) {
        return iceServers.stream().map(JsonObject.class::cast).filter(entry -> entry.containsKey("username"))
                .findFirst().orElseThrow(() -> new AssertionError("no TURN server in " + iceServers));
    }

    private static long expiryOf(JsonObject turnEntry) {
        return Long.parseLong(turnEntry.getString("username").split(":", 2)[0]);
    }

    /**
     * When the credential of {@code turnEntry} must have been followed by a new one: 80 % into its lifetime,
     * counted from when it was issued (its expiry less the lifetime; expiries are whole seconds, so one more).
     */
    private static Instant renewalDeadline(JsonObject turnEntry) {
        return Instant.ofEpochSecond(expiryOf(turnEntry) - TTL_SECONDS + 1).plusMillis(TTL_SECONDS * 800);
    }

    /** Waits for the {@code ice-servers} that replaces {@code current}, until its deadline; returns its TURN entry. */
    private static JsonObject awaitRenewalOf(TestPeer peer, JsonObject current) {
        Duration left = Duration.between(Instant.now(), renewalDeadline(current));
        await("ice-servers by 80 % of the lifetime of " + current.getString("username"))
                .atMost(left.isNegative() ? Duration.ZERO : left).pollInterval(Duration.ofMillis(50))
                .until(() -> peer.hasPending("ice-servers"));
        return turnEntry(peer.next("ice-servers").getJsonArray("iceServers"));
    }

    private static TurnServer.Allocation allocate(JsonObject turnEntry) throws Exception {
        return turn.allocate(turnEntry.getString("username"), turnEntry.getString("credential"));
    }

    @Test
    void theWelcomeGivesTheStunServerAndTheTurnServerWithACredentialOfThePeersOwn() {
        try (TestPeer peer = TestPeer.connect(server.server())) {
            long now = Instant.now().getEpochSecond();
            JsonArray iceServers = peer.welcome().getJsonArray("iceServers");
            assertEquals(2, iceServers.size(), iceServers::toString);
            JsonObject stun = iceServers.getJsonObject(0);
            assertEquals(turn.stunUrl(), stun.getJsonArray("urls").getString(0));
            assertFalse(stun.containsKey("username"), "STUN needs no credential: " + stun);
            JsonObject turnEntry = turnEntry(iceServers);
            assertEquals(turn.url(), turnEntry.getJsonArray("urls").getString(0));
            assertTrue(turnEntry.getString("username").endsWith(":" + peer.peerId()), turnEntry::toString);
            long expiry = expiryOf(turnEntry);
            assertTrue(Math.abs(expiry - (now + TTL_SECONDS)) <= 2, "expiry " + expiry + ", now " + now);
        }
    }

    @Test
    void theWelcomesCredentialAllocatesRelaysOnCoturn() throws Exception {
        try (TestPeer peer = TestPeer.connect(server.server())) {
            TurnServer.Allocation allocation = allocate(turnEntry(peer.welcome().getJsonArray("iceServers")));
            assertTrue(allocation.succeeded(), allocation::tail);
        }
    }

    @Test
    void aCredentialAlteredByOneCharacterIsRefusedByCoturn() throws Exception {
        try (TestPeer peer = TestPeer.connect(server.server())) {
            JsonObject turnEntry = turnEntry(peer.welcome().getJsonArray("iceServers"));
            String credential = turnEntry.getString("credential");
            String altered = (credential.charAt(0) == 'A' ? 'B' : 'A') + credential.substring(1);
            TurnServer.Allocation allocation = turn.allocate(turnEntry.getString("username"), altered);
            assertFalse(allocation.succeeded(), allocation::tail);
            assertNotEquals(0, allocation.exitCode());
        }
    }

    @Test
    void newCredentialsArriveBeforeTheOldExpireAndOnlyTheNewAllocateAfterwards() throws Exception {
        try (TestPeer peer = TestPeer.connect(server.server())) {
            Instant welcomed = Instant.now();
            JsonObject first = turnEntry(peer.welcome().getJsonArray("iceServers"));
            JsonObject second = awaitRenewalOf(peer, first);
            assertTrue(expiryOf(second) > expiryOf(first), first + " then " + second);
            assertTrue(second.getString("username").endsWith(":" + peer.peerId()), second::toString);

            Instant expired = Instant.ofEpochSecond(expiryOf(first) + 1);
            await("the first credential's expiry").atMost(Duration.between(welcomed, expired).plusSeconds(5))
                    .until(() -> Instant.now().isAfter(expired));
            TurnServer.Allocation old = allocate(first);
            assertFalse(old.succeeded(), "coturn accepted an expired credential: " + old.tail());
            TurnServer.Allocation renewed = allocate(second);
            assertTrue(renewed.succeeded(), renewed::tail);
        }
    }

    @Test
    void anIdleConnectionKeepsGettingNewCredentialsWhileItStaysConnected() {
        try (TestPeer peer = TestPeer.connect(server.server())) {
            JsonObject previous = turnEntry(peer.welcome().getJsonArray("iceServers"));
            for (int refresh = 0; refresh < 2; refresh++) {
                JsonObject renewed = awaitRenewalOf(peer, previous);
                assertTrue(expiryOf(renewed) > expiryOf(previous), renewed + " after " + previous);
                previous = renewed;
            }
        }
    }
}
