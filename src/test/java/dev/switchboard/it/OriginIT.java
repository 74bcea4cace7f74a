package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Black-box: the WebSocket handshake is refused with 403 for origins that are not allowed. */
class OriginIT {

    @RegisterExtension
    static final ExtraServer strict = new ExtraServer("originIT", Map.of(
            "SWITCHBOARD_ALLOWED_ORIGINS", "https://app.example.com",
            "SWITCHBOARD_ORIGIN_ALLOW_MISSING", "false"));

    @Test
    void byDefaultTheServersOwnOriginAndLocalPagesMayConnect() {
        URI signal = ServerUnderTest.webSocketUri("/signal");
        assertEquals(101, TestPeer.handshakeStatus(signal, "http://localhost:" + ServerUnderTest.port()));
        assertEquals(101, TestPeer.handshakeStatus(signal, "http://localhost:3000"));
        assertEquals(101, TestPeer.handshakeStatus(signal, null));
    }

    @Test
    void byDefaultAForeignOriginIsRefusedWith403() {
        assertEquals(403, TestPeer.handshakeStatus(ServerUnderTest.webSocketUri("/signal"), "https://evil.example"));
        assertEquals(403, TestPeer.handshakeStatus(ServerUnderTest.webSocketUri("/rooms/r1"), "https://evil.example"));
    }

    @Test
    void anAllowlistReplacesTheLocalPagesAndCanRefuseClientsWithoutOrigin() {
        URI signal = strict.webSocketUri("/signal");
        assertEquals(101, TestPeer.handshakeStatus(signal, "https://app.example.com"));
        assertEquals(101, TestPeer.handshakeStatus(signal, "http://localhost:" + strict.port())); // same origin
        assertEquals(403, TestPeer.handshakeStatus(signal, "http://localhost:3000"));
        assertEquals(403, TestPeer.handshakeStatus(signal, null));
    }
}
