package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Black-box, on a server with a fast heartbeat (ping every 300 ms, silent peers removed after 1.2 s,
 * idle connections closed after 1.5 s): live peers stay, hung peers go, idle connections are closed.
 */
class HeartbeatIT {

    private static final long INTERVAL_MS = 300;
    private static final long TIMEOUT_MS = 1200;
    private static final long IDLE_MS = 1500;

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("heartbeatIT", Map.of(
            // the heartbeat alone: a silent peer is removed at once, not kept for a resume (ResumeIT has both)
            "SWITCHBOARD_SESSION_RESUME_WINDOW_MS", "0",
            "SWITCHBOARD_HEARTBEAT_INTERVAL_MS", String.valueOf(INTERVAL_MS),
            "SWITCHBOARD_HEARTBEAT_TIMEOUT_MS", String.valueOf(TIMEOUT_MS),
            "SWITCHBOARD_SESSION_IDLE_TIMEOUT_MS", String.valueOf(IDLE_MS)));

    /** Pings that span more than the timeout and the idle timeout, with room to spare. */
    private static int pingsPastTheTimeouts() {
        return (int) (2 * Math.max(TIMEOUT_MS, IDLE_MS) / INTERVAL_MS);
    }

    @Test
    void welcomeAdvertisesTheHeartbeatInterval() {
        try (TestPeer peer = TestPeer.connect(server.server())) {
            assertEquals(INTERVAL_MS, peer.welcome().getJsonNumber("heartbeatMs").longValue());
        }
    }

    @Test
    void peersThatAnswerPingsStayInTheirRoom() {
        String room = ServerUnderTest.uniqueRoom();
        try (TestPeer a = TestPeer.connect(server.server()); TestPeer b = TestPeer.connect(server.server())) {
            TestPeer.meet(a, b, room);
            a.awaitPings(pingsPastTheTimeouts());
            b.awaitPings(pingsPastTheTimeouts());
            a.send("{\"type\":\"offer\",\"sdp\":\"still here\"}");
            assertEquals("still here", b.next("offer").getString("sdp"));
            assertFalse(a.isClosed() || b.isClosed());
        }
    }

    @Test
    void aPeerThatStopsAnsweringIsRemovedAndItsRoomHearsTimeout() {
        String room = ServerUnderTest.uniqueRoom();
        try (TestPeer a = TestPeer.connect(server.server()); TestPeer b = TestPeer.connect(server.server())) {
            TestPeer.meet(a, b, room);
            long frozenAt = System.nanoTime();
            b.freeze();
            JsonObject left = a.next("peer-left");
            long detectedMs = (System.nanoTime() - frozenAt) / 1_000_000;
            assertEquals(b.peerId(), left.getString("peerId"));
            assertEquals("timeout", left.getString("reason"));
            Figures.record("HeartbeatIT", "time from a peer hanging to its room's peer-left (timeout " + TIMEOUT_MS
                    + " ms, interval " + INTERVAL_MS + " ms)", detectedMs + " ms");
        }
    }

    @Test
    void aPeerRemovedForSilenceCountsAsAHeartbeatTimeout() {
        String timeouts = "switchboard_heartbeat_timeouts_total";
        double before = MetricsPage.read(server.managementUri("/")).value(timeouts);
        try (TestPeer a = TestPeer.connect(server.server()); TestPeer b = TestPeer.connect(server.server())) {
            TestPeer.meet(a, b, ServerUnderTest.uniqueRoom());
            b.freeze();
            a.next("peer-left");
            MetricsPage.await(server.managementUri("/"), before + 1, timeouts);
        }
    }

    @Test
    void aLoggedInPeerThatStopsAnsweringGoesOfflineWithReasonTimeout() {
        try (TestPeer a = TestPeer.connect(server.server()); TestPeer b = TestPeer.connect(server.server())) {
            a.login("Alice");
            b.login("Bob");
            a.next("peer-online");
            b.freeze();
            JsonObject offline = a.next("peer-offline");
            assertEquals(b.peerId(), offline.getString("peerId"));
            assertEquals("timeout", offline.getString("reason"));
        }
    }

    @Test
    void aConnectionInNoRoomAndNotLoggedInIsClosedAsIdle() {
        try (TestPeer idle = TestPeer.connect(server.server())) {
            assertEquals(4005, idle.closeCode());
        }
    }

    @Test
    void aLoggedInPeerIsNotIdle() {
        try (TestPeer a = TestPeer.connect(server.server())) {
            a.login("Carol");
            a.awaitPings(pingsPastTheTimeouts());
            assertFalse(a.isClosed());
        }
    }
}
