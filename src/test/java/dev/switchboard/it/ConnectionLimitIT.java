package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Black-box, on a server limited to three connections: a fourth is turned away, the three carry on. */
class ConnectionLimitIT {

    private static LibertyServer server;

    @BeforeAll
    static void startWithRoomForThree() throws Exception {
        server = LibertyServer.start("connectionLimitIT", Map.of("SWITCHBOARD_CONNECTIONS_MAX", "3"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aConnectionOverTheLimitIsClosedWith1013AndTheOthersAreUnaffected() {
        try (TestPeer a = TestPeer.connect(server); TestPeer b = TestPeer.connect(server);
             TestPeer c = TestPeer.connect(server)) {
            assertEquals(1013, TestPeer.closeCodeOfNewConnection(server.webSocketUri("/signal")));
            TestPeer.meet(a, b, ServerUnderTest.uniqueRoom());
            a.send("{\"type\":\"offer\",\"sdp\":\"still working\"}");
            assertEquals("still working", b.next("offer").getString("sdp"));
            c.sync();
        }
    }
}
