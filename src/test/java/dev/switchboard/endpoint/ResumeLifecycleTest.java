package dev.switchboard.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.AccessToken;
import dev.switchboard.access.Grants;
import dev.switchboard.connection.CloseCodes;
import dev.switchboard.ice.IceServerIssuer;
import dev.switchboard.ice.IceSettings;
import dev.switchboard.metrics.SignalingMetrics;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resuming a dropped peer's session, without a container: kept, held, claimed once, handed over in order. */
class ResumeLifecycleTest {

    private static final long WINDOW_MS = 30_000;
    private static final int OUTBOX_FRAMES = 64;

    private TestServer server = server(new AccessControl(null));

    private static TestServer server(AccessControl accessControl) {
        return new TestServer(2, 10_000, 10_000, OUTBOX_FRAMES, SignalingMetrics.NONE, new IceServerIssuer(
                IceSettings.of(Optional.empty(), Optional.empty(), Optional.empty(), 3600), Clock.systemUTC()),
                accessControl, WINDOW_MS);
    }

    @AfterEach
    void theThreadingRuleHeld() throws InterruptedException {
        server.close();
    }

    /** Two peers in a room of their own: a (the one that will drop) and b. */
    private TestClient[] pair() {
        TestClient a = server.connect();
        TestClient b = server.connect();
        a.send("{\"type\":\"create\",\"room\":\"r\"}");
        b.send("{\"type\":\"join\",\"room\":\"r\"}");
        server.settle();
        return new TestClient[] {a, b};
    }

    private static String token(TestClient client) {
        return client.received().get(0).getString("resumeToken");
    }

    private static String candidate(int n) {
        return "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c" + n + "\",\"sdpMid\":\"0\"}}";
    }

    private static String candidateOf(JsonObject message) {
        return message.getJsonObject("candidate").getString("candidate");
    }

    @Test
    void theWelcomeCarriesATokenAndTheWindow() {
        TestClient client = server.connect();
        server.settle();
        JsonObject welcome = client.received().get(0);
        assertEquals(43, welcome.getString("resumeToken").length(), "256 bits, URL-safe base64");
        assertEquals(WINDOW_MS, welcome.getJsonNumber("resumeWindowMs").longValue());
    }

    @Test
    void aDroppedPeerStaysInItsRoomWhichHearsPeerAwayNotPeerLeft() {
        TestClient[] ab = pair();
        ab[0].connection().lost();
        server.settle();
        assertEquals("peer-away", ab[1].types().get(ab[1].types().size() - 1));
        assertFalse(ab[1].types().contains("peer-left"));
        assertTrue(server.rooms.roomOf(ab[0].peer()).isPresent());
        assertEquals(1, server.resumption.awayCount());
        assertEquals(1, server.limits.admitted(), "the dropped connection's place is given back");
    }

    @Test
    void aResumeGetsResumedThenWhatWasSentMeanwhileInOrderAndTheRoomHearsPeerBack() {
        TestClient[] ab = pair();
        ab[0].connection().lost();
        server.settle();
        IntStream.range(0, 20).forEach(n -> ab[1].send(candidate(n)));
        server.settle();
        TestClient again = server.resume(token(ab[0]));
        server.settle();
        List<JsonObject> received = again.received();
        assertEquals("resumed", received.get(0).getString("type"));
        assertEquals(ab[0].peer(), received.get(0).getString("peerId"));
        assertEquals("r", received.get(0).getString("room"));
        assertNotEquals(token(ab[0]), received.get(0).getString("resumeToken"), "a new token");
        assertEquals(IntStream.range(0, 20).mapToObj(n -> "c" + n).toList(),
                received.subList(1, received.size()).stream().map(ResumeLifecycleTest::candidateOf).toList());
        assertEquals("peer-back", ab[1].types().get(ab[1].types().size() - 1));
        ab[1].send(candidate(20));
        server.settle();
        assertEquals("c20", candidateOf(again.received().get(again.received().size() - 1)), "and what follows");
        assertEquals(0, server.resumption.awayCount());
    }

    @Test
    void aTokenResumesOnceAndASecondTryGetsResumeFailedThenANewPeer() {
        TestClient[] ab = pair();
        String token = token(ab[0]);
        ab[0].connection().lost();
        server.settle();
        server.resume(token);
        TestClient thief = server.resume(token);
        server.settle();
        assertEquals(List.of("error", "welcome"), thief.types());
        assertEquals("resume-failed", thief.received().get(0).getString("code"));
        assertNotEquals(ab[0].peer(), thief.received().get(1).getString("peerId"));
    }

    @Test
    void afterTheWindowTheRoomHearsPeerLeftTimeoutAndTheTokenFails() {
        TestClient[] ab = pair();
        ab[0].connection().lost();
        server.settle();
        server.resumption.sweep(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WINDOW_MS + 1));
        server.settle();
        JsonObject left = ab[1].received().get(ab[1].received().size() - 1);
        assertEquals("peer-left", left.getString("type"));
        assertEquals("timeout", left.getString("reason"));
        assertTrue(server.rooms.roomOf(ab[0].peer()).isEmpty());
        assertFalse(server.peers.isConnected(ab[0].peer()));
        TestClient late = server.resume(token(ab[0]));
        server.settle();
        assertEquals(List.of("error", "welcome"), late.types());
    }

    @Test
    void aGoodbyeKeepsNothing() {
        TestClient[] ab = pair();
        ab[0].connection().closed();
        server.settle();
        JsonObject left = ab[1].received().get(ab[1].received().size() - 1);
        assertEquals("peer-left", left.getString("type"));
        assertEquals("disconnected", left.getString("reason"));
        assertEquals(0, server.resumption.awayCount());
        assertEquals(List.of("error", "welcome"), resumeAndSettle(token(ab[0])).types());
    }

    @Test
    void aPeerInNoRoomAndNotLoggedInIsNotKept() {
        TestClient idle = server.connect();
        server.settle();
        idle.connection().lost();
        server.settle();
        assertEquals(0, server.resumption.awayCount());
        assertFalse(server.peers.isConnected(idle.peer()));
    }

    @Test
    void aHeartbeatTimeoutKeepsThePeerToo() {
        TestClient[] ab = pair();
        assertTrue(ab[0].connection().timeOut());
        server.settle();
        assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, ab[0].closed().code());
        assertEquals("peer-away", ab[1].types().get(ab[1].types().size() - 1));
        assertEquals("resumed", resumeAndSettle(token(ab[0])).types().get(0));
    }

    @Test
    void resumingWhileTheOldConnectionIsOpenClosesItWith4006AndTheNewOneGetsWhatFollows() {
        TestClient[] ab = pair();
        TestClient again = resumeAndSettle(token(ab[0]));
        assertEquals(CloseCodes.REPLACED, ab[0].closed().code());
        assertEquals(List.of("resumed"), again.types());
        ab[1].send(candidate(1));
        server.settle();
        assertEquals(List.of("resumed", "candidate"), again.types());
        assertFalse(ab[1].types().contains("peer-away"), "the room never saw it away");
        assertEquals(1, server.limits.admitted() - 1, "the old connection's place is given back");
    }

    @Test
    void whatIsHeldPastTheOutboxBoundDropsThePeerAtTheNextSweep() {
        TestClient[] ab = pair();
        ab[0].connection().lost();
        server.settle();
        IntStream.range(0, OUTBOX_FRAMES + 1).forEach(n -> ab[1].send(candidate(n)));
        server.settle();
        server.resumption.sweep(System.nanoTime());
        server.settle();
        assertEquals("peer-left", ab[1].types().get(ab[1].types().size() - 1));
        assertEquals(List.of("error", "welcome"), resumeAndSettle(token(ab[0])).types());
    }

    @Test
    void aResumeGetsEverythingHeldEvenWithTheQueueFullToItsBound() {
        TestClient[] ab = pair();
        ab[0].connection().lost();
        server.settle();
        IntStream.range(0, OUTBOX_FRAMES - 1).forEach(n -> ab[1].send(candidate(n))); // with peer-away: the bound
        server.settle();
        TestClient again = resumeAndSettle(token(ab[0]));
        assertEquals(OUTBOX_FRAMES, again.received().size(), "resumed and every held frame");
        assertNull(again.closed());
    }

    @Test
    void onlyTheSameUserMayResumeAndAnotherUsersTryDoesNotSpendTheToken() throws InterruptedException {
        server.close();
        server = server(new AccessControl(null) {
            @Override
            public boolean required() {
                return true;
            }
        });
        Grants all = new Grants(List.of("*"), true, true);
        Access alice = Access.of(new AccessToken("alice", null, Instant.now().plusSeconds(600), all));
        TestClient a = server.connect(alice);
        TestClient b = server.connect(Access.of(new AccessToken("bob", null, Instant.now().plusSeconds(600), all)));
        a.send("{\"type\":\"create\",\"room\":\"r\"}");
        b.send("{\"type\":\"join\",\"room\":\"r\"}");
        server.settle();
        a.connection().lost();
        server.settle();
        TestClient mallory = server.connect(Access.of(new AccessToken("mallory", null, Instant.now().plusSeconds(600), all)),
                token(a));
        server.settle();
        assertEquals(List.of("error", "welcome"), mallory.types());
        TestClient aliceAgain = server.connect(Access.of(new AccessToken("alice", null, Instant.now().plusSeconds(600), all)),
                token(a));
        server.settle();
        assertEquals("resumed", aliceAgain.types().get(0));
        assertNull(aliceAgain.closed());
    }

    private TestClient resumeAndSettle(String token) {
        TestClient client = server.resume(token);
        server.settle();
        return client;
    }

    @Test
    void aFloodOfMadeUpTokensFromOneAddressIsRateLimitedAndEachStillGetsANewPeer() {
        List<List<String>> answers = IntStream.range(0, 15)
                .mapToObj(n -> resumeAndSettle("made-up-token-" + n).received().stream()
                        .map(message -> message.getString("code", message.getString("type"))).toList())
                .toList();
        assertEquals(List.of("resume-failed", "welcome"), answers.get(0));
        assertEquals(List.of("rate-limited", "welcome"), answers.get(answers.size() - 1),
                "past the burst of 10 (no refill within the test): " + answers);
    }
}
