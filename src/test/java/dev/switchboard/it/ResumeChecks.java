package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Black-box, on any runtime (see {@link ResumeIT}, and {@code PayaraResumeChecks}): a peer whose connection drops comes back as the same peer within its resume window, and gets,
 * after {@code resumed}, what was sent to it meanwhile, in order, once; its room heard {@code peer-away} and
 * then {@code peer-back}, never {@code peer-left}. A spent or late token gets {@code resume-failed} and a new
 * peer; a goodbye keeps nothing. On a server of its own whose window (5 s) leaves room for a loaded machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the flood last: it spends the address's resume attempts
public abstract class ResumeChecks {

    protected static final long WINDOW_MS = 5_000;
    /** Resume attempts from one address: a burst of 30, then one a second (the other checks make about 30, spread out). */
    private static final int RESUME_BURST = 30;
    private static final int RESUMES_PER_SECOND = 1;

    /** What the server under test is started with. */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "SWITCHBOARD_SESSION_RESUME_WINDOW_MS", String.valueOf(WINDOW_MS),
            "SWITCHBOARD_RATE_RESUME_BURST", String.valueOf(RESUME_BURST),
            "SWITCHBOARD_RATE_RESUMES_PER_SECOND", String.valueOf(RESUMES_PER_SECOND));

    /** The server under test, started with {@link #ENVIRONMENT}. */
    protected abstract ServerAddress server();

    @AfterEach
    void nothingLeft() {
        ServerUnderTest.awaitNoRoomsAndConnections(server(), 0);
    }

    private URI signal() {
        return server().webSocketUri("/signal");
    }

    private static String candidate(int n) {
        return "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c" + n + "\",\"sdpMid\":\"0\"}}";
    }

    @Test
    void theWelcomeCarriesAResumeTokenAndTheWindow() {
        try (TestPeer a = TestPeer.connect(signal())) {
            assertEquals(43, a.resumeToken().length());
            assertEquals(WINDOW_MS, a.welcome().getJsonNumber("resumeWindowMs").longValue());
        }
    }

    @Test
    void aDroppedPeerResumesWithWhatWasSentMeanwhileInOrderAndItsRoomHearsAwayThenBack() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(signal()); TestPeer b = TestPeer.connect(signal())) {
            TestPeer.meet(a, b, room);
            a.abort(); // a TCP reset: no close frame
            assertEquals(a.peerId(), b.next("peer-away").getString("peerId"));
            IntStream.range(0, 20).forEach(n -> b.send(candidate(n)));
            b.sync();
            try (TestPeer again = TestPeer.resume(signal(), a.resumeToken())) {
                assertNull(again.resumeFailure());
                assertEquals("resumed", again.welcome().getString("type"));
                assertEquals(a.peerId(), again.peerId());
                assertEquals(room, again.welcome().getString("room"));
                List<String> candidates = IntStream.range(0, 20)
                        .mapToObj(n -> again.next("candidate").getJsonObject("candidate").getString("candidate")).toList();
                assertEquals(IntStream.range(0, 20).mapToObj(n -> "c" + n).toList(), candidates);
                assertEquals(a.peerId(), b.next("peer-back").getString("peerId"));
                again.sync(); // fails if anything but the sync's answer comes next: each candidate once
                // and the relay carries on both ways
                again.send(candidate(99));
                assertEquals("c99", b.next("candidate").getJsonObject("candidate").getString("candidate"));
            }
        }
    }

    @Test
    void aTokenResumesOnceAndIsRefusedAfterwardsWithANewPeer() {
        try (TestPeer a = TestPeer.connect(signal()); TestPeer b = TestPeer.connect(signal())) {
            TestPeer.meet(a, b, uniqueRoom());
            String token = a.resumeToken();
            a.abort();
            b.next("peer-away");
            try (TestPeer again = TestPeer.resume(signal(), token);
                 TestPeer thief = TestPeer.resume(signal(), token)) {
                assertEquals(a.peerId(), again.peerId());
                assertNotNull(thief.resumeFailure());
                assertEquals("resume-failed", thief.resumeFailure().getString("code"));
                assertNotEquals(a.peerId(), thief.peerId());
            }
        }
    }

    @Test
    void whenTheWindowEndsTheRoomHearsPeerLeftTimeoutAndTheTokenFails() {
        try (TestPeer a = TestPeer.connect(signal()); TestPeer b = TestPeer.connect(signal())) {
            TestPeer.meet(a, b, uniqueRoom());
            a.abort();
            b.next("peer-away");
            JsonObject left = b.next("peer-left"); // within the window and a sweep: well within next()'s 10 s
            assertEquals(a.peerId(), left.getString("peerId"));
            assertEquals("timeout", left.getString("reason"));
            try (TestPeer late = TestPeer.resume(signal(), a.resumeToken())) {
                assertEquals("resume-failed", late.resumeFailure().getString("code"));
            }
        }
    }

    @Test
    void aGoodbyeKeepsNothing() {
        try (TestPeer a = TestPeer.connect(signal()); TestPeer b = TestPeer.connect(signal())) {
            TestPeer.meet(a, b, uniqueRoom());
            a.close(); // a close frame, 1000
            JsonObject left = b.next("peer-left");
            assertEquals("disconnected", left.getString("reason"));
            try (TestPeer again = TestPeer.resume(signal(), a.resumeToken())) {
                assertEquals("resume-failed", again.resumeFailure().getString("code"));
            }
        }
    }

    @Test
    void aLoggedInPeerResumesStillLoggedInWithoutAnyPresenceChangeForOthers() {
        try (TestPeer a = TestPeer.connect(signal()); TestPeer b = TestPeer.connect(signal())) {
            a.login(ServerUnderTest.uniqueRoom().substring(0, 12));
            b.login(ServerUnderTest.uniqueRoom().substring(0, 12));
            a.next("peer-online");
            a.abort();
            try (TestPeer again = TestPeer.resume(signal(), a.resumeToken())) {
                assertEquals(a.peerId(), again.peerId());
                b.sync(); // fails on anything else first: no peer-offline, no peer-online
                b.send("{\"type\":\"message\",\"to\":\"" + a.peerId() + "\",\"body\":\"still there?\"}");
                assertEquals("still there?", again.next("message").getString("body"));
            }
        }
    }

    /**
     * Repeated: a close the client began could slip in between closing the old connection and handing its
     * queue over, and the resume failed (14 times in 60 on Liberty, before the two became one step).
     */
    @RepeatedTest(20)
    void resumingWhileTheOldConnectionIsStillOpenClosesItWith4006() {
        try (TestPeer a = TestPeer.connect(signal()); TestPeer b = TestPeer.connect(signal())) {
            TestPeer.meet(a, b, uniqueRoom());
            try (TestPeer again = TestPeer.resume(signal(), a.resumeToken())) {
                assertEquals("resumed", again.welcome().getString("type"), () -> "refused: " + again.resumeFailure());
                assertEquals(4006, a.closeCode());
                b.send(candidate(1));
                assertEquals("c1", again.next("candidate").getJsonObject("candidate").getString("candidate"));
                b.sync(); // fails on anything else first: the room never saw it away
            }
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aFloodOfMadeUpTokensIsRateLimitedAndEachConnectionStillGetsANewPeer() {
        int attempts = 100;
        int limited = 0;
        long start = System.nanoTime();
        for (int n = 0; n < attempts; n++) {
            try (TestPeer guess = TestPeer.resume(signal(), "made-up-token-" + n)) {
                String code = guess.resumeFailure().getString("code");
                assertTrue(Set.of("resume-failed", "rate-limited").contains(code), code);
                assertEquals("welcome", guess.welcome().getString("type"));
                limited += code.equals("rate-limited") ? 1 : 0;
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1;
        long mostAllowed = RESUME_BURST + seconds * RESUMES_PER_SECOND;
        Figures.record(getClass().getSimpleName(), "made-up resume tokens limited (burst " + RESUME_BURST + ", "
                + RESUMES_PER_SECOND + "/s)", limited + " of " + attempts + " in under " + seconds + " s");
        assertTrue(limited > 0 && limited >= attempts - mostAllowed,
                limited + " of " + attempts + " attempts in under " + seconds + " s were limited; at most "
                        + mostAllowed + " may pass");
    }
}
