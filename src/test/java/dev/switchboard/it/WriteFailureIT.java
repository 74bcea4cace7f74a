package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Black-box: a write that times out makes a slow consumer (4003, counted as one); a write that fails
 * because the client is gone or closing does not. On a server whose queues never overflow, so that only
 * the send timeout (1 s) can cut a receiver off.
 */
class WriteFailureIT {

    private static final String UNLIMITED = "100000000";
    private static final String SLOW_CONSUMERS = "switchboard_connections_rejected_total";

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("writeFailureIT", Map.of(
            "SWITCHBOARD_SESSION_SEND_TIMEOUT_MS", "1000",
            "SWITCHBOARD_SESSION_MAX_QUEUED_MESSAGES", UNLIMITED,
            "SWITCHBOARD_SESSION_MAX_QUEUED_BYTES", UNLIMITED,
            "SWITCHBOARD_ROOM_CAPACITY", "12",
            "SWITCHBOARD_RATE_MESSAGES_PER_SECOND", UNLIMITED,
            "SWITCHBOARD_RATE_MESSAGE_BURST", UNLIMITED,
            "SWITCHBOARD_RATE_ENTRIES_PER_SECOND", UNLIMITED,
            "SWITCHBOARD_RATE_ENTRY_BURST", UNLIMITED));

    private static double slowConsumers() {
        return MetricsPage.read(server.managementUri("/")).value(SLOW_CONSUMERS, "reason", "slow-consumer");
    }

    @Test
    void aReceiverWhoseWriteTimesOutIsCutOffAsASlowConsumer() {
        double before = slowConsumers();
        JsonObject offer = Json.createObjectBuilder().add("type", "offer").add("sdp", "x".repeat(50_000)).build();
        try (TestPeer sender = TestPeer.connect(server.server()); TestPeer stuck = TestPeer.connect(server.server())) {
            TestPeer.meet(sender, stuck, uniqueRoom());
            stuck.freeze();
            int sent = 0;
            while (sent < 20_000 && !sender.hasPending("peer-left")) {
                sender.send(offer);
                sent++;
            }
            assertEquals(stuck.peerId(), sender.next("peer-left").getString("peerId"));
            Figures.record("WriteFailureIT", "50 KB offers sent to a receiver that stopped reading before its write "
                    + "timed out (1 s; queues unbounded)", sent);
        }
        MetricsPage.await(server.managementUri("/"), before + 1, SLOW_CONSUMERS, "reason", "slow-consumer");
    }

    @Test
    void roomsWhosePeersAllCloseAtOnceCountNoSlowConsumer() throws Exception {
        double before = slowConsumers();
        JvmProbe jvm = new JvmProbe(server.server().pid());
        for (int round = 0; round < 10; round++) {
            String room = uniqueRoom();
            List<TestPeer> peers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                TestPeer peer = TestPeer.connect(server.server());
                peer.request(i == 0 ? "create" : "join", room);
                peer.next(i == 0 ? "created" : "joined");
                peers.add(peer);
            }
            peers.forEach(TestPeer::close); // each close makes peer-left frames for the others, who are closing
        }
        ServerUnderTest.awaitConnections(server.server(), 0);
        // the closes of lost connections (1011) are what used to be counted, and what raced the container's own
        // close and waited for good (threading.md, "A close frame that is never written"): none may still run
        try {
            await("closes finished").atMost(Duration.ofSeconds(60))
                    .until(() -> jvm.stacksWith("SessionTransport.close").isEmpty());
        } catch (ConditionTimeoutException e) {
            fail("closes still running after 60 s:\n\n" + String.join("\n\n", jvm.stacksWith("SessionTransport.close")), e);
        }
        assertEquals(before, slowConsumers(), "slow consumers counted when whole rooms closed at once");
    }
}
