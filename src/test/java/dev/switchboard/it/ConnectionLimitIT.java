package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Black-box, on a server limited to three connections: a fourth is turned away, the three carry on. */
class ConnectionLimitIT {

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("connectionLimitIT", Map.of("SWITCHBOARD_CONNECTIONS_MAX", "3"));

    @Test
    void aConnectionOverTheLimitIsClosedWith1013AndTheOthersAreUnaffected() {
        try (TestPeer a = TestPeer.connect(server.server()); TestPeer b = TestPeer.connect(server.server());
             TestPeer c = TestPeer.connect(server.server())) {
            assertEquals(1013, TestPeer.closeCodeOfNewConnection(server.webSocketUri("/signal")));
            TestPeer.meet(a, b, ServerUnderTest.uniqueRoom());
            a.send("{\"type\":\"offer\",\"sdp\":\"still working\"}");
            assertEquals("still working", b.next("offer").getString("sdp"));
            c.sync();
        }
    }
}
