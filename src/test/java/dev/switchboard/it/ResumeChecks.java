package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Black-box, on any runtime (see {@link ResumeIT}, and {@code PayaraResumeChecks}): a peer whose connection drops comes back as the same peer within its resume window, and gets,
 * after {@code resumed}, what was sent to it meanwhile, in order, once; its room heard {@code peer-away} and
 * then {@code peer-back}, never {@code peer-left}. A spent or late token gets {@code resume-failed} and a new
 * peer; a goodbye keeps nothing. On a server of its own whose window (5 s) leaves room for a loaded machine.
 */
public abstract class ResumeChecks {

    protected static final long WINDOW_MS = 5_000;

    /** What the server under test is started with. */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "SWITCHBOARD_SESSION_RESUME_WINDOW_MS", String.valueOf(WINDOW_MS));

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
}
