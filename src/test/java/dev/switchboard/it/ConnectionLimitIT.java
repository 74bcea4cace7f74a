package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Black-box, on a server limited to three connections: a fourth is turned away, the three carry on. */
class ConnectionLimitIT {

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("connectionLimitIT", Map.of("SWITCHBOARD_CONNECTIONS_MAX", "3"));

    private static final String REJECTED = "switchboard_connections_rejected_total";

    /** The connections of the test before are closed: the limit counts them until then. */
    @BeforeEach
    void noConnections() {
        ServerUnderTest.awaitConnections(server.server(), 0);
    }

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

    @Test
    void aConnectionOverTheLimitCountsAsServerFull() {
        try (TestPeer a = TestPeer.connect(server.server()); TestPeer b = TestPeer.connect(server.server());
             TestPeer c = TestPeer.connect(server.server())) {
            double before = MetricsPage.read(server.managementUri("/")).value(REJECTED, "reason", "server-full");
            assertEquals(1013, TestPeer.closeCodeOfNewConnection(server.webSocketUri("/signal")));
            MetricsPage.await(server.managementUri("/"), before + 1, REJECTED, "reason", "server-full");
        }
    }
}
