package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.it.RawWebSocket.Frame;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Black-box, on a server with a fast heartbeat: a frame that wedges Open Liberty's reader for its
 * connection does not wedge the application, whose heartbeat removes the peer like any silent one.
 *
 * <p>Open Liberty 26.0.0.3 ignores the top bit of a 64-bit frame length (RFC 6455 requires it to be 0)
 * and cuts the frame at the length's low 32 bits; when that is past the bytes of its read buffer, its
 * reader throws ({@code IllegalArgumentException: newPosition > limit}, an FFDC in the server log) and
 * never reads that connection again: no message, no pong, not even the client's close or the TCP FIN
 * reaches the application. Nothing in the Jakarta WebSocket API tells the application; only its own
 * heartbeat (pongs stop arriving) notices.
 */
class JammedReadIT {

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("jammedReadIT", Map.of(
            "SWITCHBOARD_SESSION_RESUME_WINDOW_MS", "0", // removed at the timeout, not kept for a resume
            "SWITCHBOARD_HEARTBEAT_INTERVAL_MS", "300",
            "SWITCHBOARD_HEARTBEAT_TIMEOUT_MS", "1200"));

    /** The control: the same raw client, framing correctly, answers pings well enough to stay. */
    @Test
    void aRawClientThatFramesCorrectlyOutlivesTheHeartbeatTimeout() {
        try (RawWebSocket raw = RawWebSocket.connect(server.server(), "/signal");
             TestPeer victim = TestPeer.connect(server.server())) {
            meet(raw, victim);
            for (int i = 0; i < 8; i++) { // 8 pings 300 ms apart: twice the timeout
                assertEquals(Frame.PING, raw.next().opcode());
            }
            raw.sendText("{\"type\":\"offer\",\"sdp\":\"still here\"}");
            assertEquals("still here", victim.next("offer").getString("sdp"));
        }
    }

    @Test
    void aPeerWhoseReadsLibertyStopsIsRemovedByTheHeartbeatAndItsRoomHearsTimeout() {
        try (RawWebSocket attacker = RawWebSocket.connect(server.server(), "/signal");
             TestPeer victim = TestPeer.connect(server.server())) {
            String attackerId = meet(attacker, victim);
            byte[] offer = ("{\"type\":\"offer\",\"sdp\":\"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            attacker.send(Frame.text(offer).declaring(Long.MIN_VALUE | offer.length));

            // The raw client goes on answering every ping; the server stops reading them all the same.
            JsonObject left = victim.next("peer-left");
            assertEquals(attackerId, left.getString("peerId"));
            assertEquals("timeout", left.getString("reason"));
            RawWebSocket.Close close = attacker.awaitClose();
            System.out.println("jammed read: the heartbeat closed the wedged connection with " + close);
            assertEquals(4004, close.code());
        }
    }

    /** {@code raw} creates a room and {@code peer} joins it; returns the raw client's peer id. */
    private static String meet(RawWebSocket raw, TestPeer peer) {
        String room = ServerUnderTest.uniqueRoom();
        String rawId = raw.nextMessage("welcome").getString("peerId");
        raw.sendText("{\"type\":\"create\",\"room\":\"" + room + "\"}");
        raw.nextMessage("created");
        peer.request("join", room);
        peer.next("joined");
        raw.nextMessage("peer-joined");
        return rawId;
    }
}
