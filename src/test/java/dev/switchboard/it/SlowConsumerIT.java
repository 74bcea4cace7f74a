package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Black-box: a receiver that stops reading is cut off once its queue overflows, its room is told, and
 * the sender and other rooms carry on. On a server with a small queue and no rate limit in the way.
 */
class SlowConsumerIT {

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("slowConsumerIT", Map.of(
            "SWITCHBOARD_SESSION_MAX_QUEUED_MESSAGES", "64",
            "SWITCHBOARD_RATE_MESSAGES_PER_SECOND", "100000",
            "SWITCHBOARD_RATE_MESSAGE_BURST", "100000"));

    @Test
    void aReceiverThatStopsReadingIsDisconnectedAndTheSenderIsUnaffected() throws Exception {
        String sdp = "x".repeat(50_000);
        try (TestPeer sender = TestPeer.connect(server.server()); TestPeer stuck = TestPeer.connect(server.server());
             TestPeer c = TestPeer.connect(server.server()); TestPeer d = TestPeer.connect(server.server())) {
            TestPeer.meet(sender, stuck, uniqueRoom());
            TestPeer.meet(c, d, uniqueRoom());
            stuck.freeze();
            JsonObject offer = Json.createObjectBuilder().add("type", "offer").add("sdp", sdp).build();
            int sent = 0;
            while (sent < 5_000 && !sender.hasPending("peer-left")) {
                sender.send(offer);
                sent++;
            }
            JsonObject left = sender.next("peer-left");
            assertEquals(stuck.peerId(), left.getString("peerId"));
            assertTrue(sent < 5_000, "the stuck receiver was never cut off");
            Figures.record("SlowConsumerIT", "50 KB offers sent to a receiver that stopped reading before it was cut off "
                    + "(bounds: 64 messages, 1 MiB)", sent);
            Figures.record("SlowConsumerIT", "deepest outbound queue on that server (queue-peak)",
                    ServerUnderTest.signalingData(server.managementUri("/health/ready")).getJsonNumber("queue-peak"));

            // the sender's connection and other rooms still work
            sender.send("{\"type\":\"leave\"}");
            sender.request("create", uniqueRoom());
            sender.next("created");
            c.send("{\"type\":\"offer\",\"sdp\":\"elsewhere\"}");
            assertEquals("elsewhere", d.next("offer").getString("sdp"));
        }
    }
}
