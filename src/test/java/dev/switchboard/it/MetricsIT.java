package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.it.RawWebSocket.Frame;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box: {@code /metrics} in Prometheus text, and each metric moving by what the traffic did. Counters are
 * compared with what they read before the test (the server is shared); gauges from a server left empty.
 */
class MetricsIT {

    private static final String RELAYED = "switchboard_messages_relayed_total";
    private static final String REJECTED = "switchboard_requests_rejected_total";
    private static final String CONNECTIONS_REJECTED = "switchboard_connections_rejected_total";

    @AfterAll
    static void nothingLeaks() throws Exception {
        ServerUnderTest.awaitNoRoomsAndNoConnections();
    }

    /** Asserts that {@code name} with {@code tags} moves by {@code delta} while {@code traffic} runs. */
    private static void assertMovesBy(double delta, Runnable traffic, String name, String... tags) {
        double before = MetricsPage.read().value(name, tags);
        traffic.run();
        MetricsPage.await(before + delta, name, tags);
    }

    @Test
    void servesPrometheusTextWithoutAuthenticationOnTheManagementPort() throws Exception {
        var response = ServerUnderTest.get(ServerUnderTest.managementUri("/metrics?scope=application"));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                response.headers().toString());
        assertTrue(response.body().contains("# TYPE switchboard_messages_relayed_total counter"), response.body());
    }

    /** server.xml's monitor filter: the runtime's thread pool is measured, each HTTP request (a handshake, here) is not. */
    @Test
    void theRuntimesThreadPoolIsMeasuredAndItsRequestsAreNot() throws Exception {
        assertEquals(200, ServerUnderTest.get(ServerUnderTest.httpUri("/")).statusCode(), "a request it could have counted");
        String all = ServerUnderTest.get(ServerUnderTest.managementUri("/metrics")).body();
        assertTrue(all.contains("threadpool_activeThreads"), all);
        for (String perRequest : new String[] {"http_server_request_duration_seconds", "servlet_request_total", "session_create_total"}) {
            assertFalse(all.contains(perRequest), perRequest + " in\n" + all);
        }
    }

    /** The ping-and-close threads the runtime holds: none, on a server whose clients come and go as they should. */
    @Test
    void pingsAndClosesTheRuntimeHoldsAreMeasured() {
        assertEquals(0, MetricsPage.read().value("switchboard_connection_calls_stuck"));
    }

    @Test
    void signalsRelayedInARoomAreCountedByType() {
        TestPeer a = TestPeer.connect();
        TestPeer b = TestPeer.connect();
        try (a; b) {
            TestPeer.meet(a, b, uniqueRoom());
            MetricsPage before = MetricsPage.read();
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
            b.next("offer");
            b.send("{\"type\":\"answer\",\"sdp\":\"v=0\",\"to\":\"" + a.peerId() + "\"}");
            a.next("answer");
            for (int i = 0; i < 3; i++) {
                a.send("{\"type\":\"candidate\",\"candidate\":null}");
                b.next("candidate");
            }
            a.send("{\"type\":\"bye\"}");
            b.next("bye");
            for (String[] moved : new String[][] {{"offer", "1"}, {"answer", "1"}, {"candidate", "3"}, {"bye", "1"}}) {
                MetricsPage.await(before.value(RELAYED, "type", moved[0]) + Integer.parseInt(moved[1]),
                        RELAYED, "type", moved[0]);
            }
        }
    }

    @Test
    void directMessagesBetweenLoggedInPeersAreCountedByType() {
        TestPeer a = TestPeer.connect();
        TestPeer b = TestPeer.connect();
        try (a; b) {
            a.login("metrics-" + a.peerId());
            b.login("metrics-" + b.peerId());
            a.next("peer-online");
            assertMovesBy(1, () -> {
                a.send("{\"type\":\"message\",\"to\":\"" + b.peerId() + "\",\"body\":\"hi\"}");
                b.next("message");
            }, RELAYED, "type", "message");
        }
    }

    @Test
    void signalsThatAreNotRelayedAreNotCounted() {
        try (TestPeer alone = TestPeer.connect()) {
            assertMovesBy(0, () -> {
                alone.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
                alone.nextError("not-in-room");
            }, RELAYED, "type", "offer");
        }
    }

    @Test
    void refusedRequestsAreCountedByReason() {
        String room = uniqueRoom();
        TestPeer a = TestPeer.connect();
        TestPeer b = TestPeer.connect();
        TestPeer c = TestPeer.connect();
        try (a; b; c) {
            TestPeer.meet(a, b, room);
            assertMovesBy(1, () -> {
                c.request("join", room);
                c.next("full");
            }, REJECTED, "reason", "full");
            assertMovesBy(1, () -> {
                c.request("join", uniqueRoom());
                c.next("empty");
            }, REJECTED, "reason", "empty");
            assertMovesBy(1, () -> {
                c.send("{\"type\":\"offer\"");
                c.nextError("bad-json");
            }, REJECTED, "reason", "bad-json");
            assertMovesBy(1, () -> {
                c.send("{\"type\":\"bye\"}");
                c.nextError("not-in-room");
            }, REJECTED, "reason", "not-in-room");
        }
    }

    @Test
    void joinsAreTimedFromRequestToOutcome() {
        MetricsPage before = MetricsPage.read();
        TestPeer a = TestPeer.connect();
        TestPeer b = TestPeer.connect();
        try (a; b) {
            TestPeer.meet(a, b, uniqueRoom()); // a create and a join
            MetricsPage.await(before.value("switchboard_join_duration_seconds_count") + 2,
                    "switchboard_join_duration_seconds_count");
            assertTrue(MetricsPage.read().value("switchboard_join_duration_seconds_sum")
                    > before.value("switchboard_join_duration_seconds_sum"));
            assertTrue(MetricsPage.read().value("switchboard_join_duration_seconds_bucket", "le", "+Inf")
                    >= before.value("switchboard_join_duration_seconds_bucket", "le", "+Inf") + 2);
        }
    }

    @Test
    void gaugesCountConnectionsRoomsAndPeers() throws Exception {
        ServerUnderTest.awaitNoRoomsAndNoConnections();
        TestPeer a = TestPeer.connect();
        TestPeer b = TestPeer.connect();
        try (a; b) {
            MetricsPage.await(2, "switchboard_connections");
            TestPeer.meet(a, b, uniqueRoom());
            MetricsPage.await(1, "switchboard_rooms");
            MetricsPage.await(2, "switchboard_room_peers");
            a.login("metrics-" + a.peerId());
            MetricsPage.await(1, "switchboard_logged_in_peers");
        }
        for (String gauge : new String[] {"switchboard_connections", "switchboard_rooms", "switchboard_room_peers",
                "switchboard_logged_in_peers"}) {
            MetricsPage.await(0, gauge);
        }
    }

    @Test
    void messagesWaitingForAReceiverThatStoppedReadingShowInTheQueueGauges() {
        JsonObject offer = Json.createObjectBuilder().add("type", "offer").add("sdp", "x".repeat(50_000)).build();
        TestPeer sender = TestPeer.connect();
        TestPeer stuck = TestPeer.connect();
        try (sender; stuck) {
            TestPeer.meet(sender, stuck, uniqueRoom());
            stuck.freeze();
            // Both rise once the connection's buffers are full, and fall to 0 when the queue overflows.
            MetricsPage page = MetricsPage.read();
            int sent = 0;
            while (page.value("switchboard_outbox_queued") == 0 || page.value("switchboard_outbox_queued_max") == 0) {
                assertTrue(sent < 1_000 && !sender.hasPending("peer-left"), "no queue seen, " + sent + " offers sent");
                sender.send(offer);
                sent++;
                page = MetricsPage.read();
            }
        }
        MetricsPage.await(0, "switchboard_outbox_queued");
    }

    @Test
    void aReceiverCutOffForNotReadingCountsAsSlowConsumer() {
        JsonObject offer = Json.createObjectBuilder().add("type", "offer").add("sdp", "x".repeat(50_000)).build();
        TestPeer sender = TestPeer.connect();
        TestPeer stuck = TestPeer.connect();
        try (sender; stuck) {
            TestPeer.meet(sender, stuck, uniqueRoom());
            assertMovesBy(1, () -> {
                stuck.freeze();
                for (int sent = 0; !sender.hasPending("peer-left"); sent++) {
                    assertTrue(sent < 5_000, "the stuck receiver was never cut off");
                    sender.send(offer);
                }
            }, CONNECTIONS_REJECTED, "reason", "slow-consumer");
        }
    }

    @Test
    void aHandshakeFromAForeignOriginCountsAsRejected() {
        assertMovesBy(1, () -> assertEquals(403,
                TestPeer.handshakeStatus(ServerUnderTest.webSocketUri("/signal"), "https://evil.example")),
                CONNECTIONS_REJECTED, "reason", "origin");
    }

    @Test
    void aFrameOverTheSizeLimitCountsAsRejected() {
        try (TestPeer peer = TestPeer.connect()) {
            assertMovesBy(1, () -> {
                peer.send("{\"type\":\"offer\",\"sdp\":\"" + "x".repeat(64 * 1024) + "\"}");
                assertEquals(1009, peer.closeCode());
            }, CONNECTIONS_REJECTED, "reason", "too-big");
        }
    }

    @Test
    void aBinaryFrameCountsAsRejected() {
        try (RawWebSocket raw = RawWebSocket.connect("/signal")) {
            raw.nextMessage("welcome");
            assertMovesBy(1, () -> {
                raw.send(Frame.binary("{}".getBytes(StandardCharsets.UTF_8)));
                assertEquals(1003, raw.awaitClose().code());
            }, CONNECTIONS_REJECTED, "reason", "binary");
        }
    }
}
