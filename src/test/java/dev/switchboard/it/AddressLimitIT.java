package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Black-box, on a server behind one (simulated) trusted proxy that allows two connections per client
 * address: the proxy's X-Forwarded-For entry decides the address, and a third connection from it is turned away.
 */
class AddressLimitIT {

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("addressLimitIT", Map.of(
            "SWITCHBOARD_CONNECTIONS_MAX_PER_ADDRESS", "2",
            "SWITCHBOARD_PROXY_TRUSTED_HOPS", "1"));

    private static Map<String, String> from(String forwardedFor) {
        return Map.of("X-Forwarded-For", forwardedFor);
    }

    private static URI signal() {
        return server.webSocketUri("/signal");
    }

    @Test
    void aThirdConnectionFromOneAddressIsClosedWith1013AndTheFirstTwoCarryOn() {
        try (TestPeer a = TestPeer.connect(signal(), from("198.51.100.1"));
             TestPeer b = TestPeer.connect(signal(), from("198.51.100.1"))) {
            assertEquals(1013, TestPeer.closeCodeOfNewConnection(signal(), from("198.51.100.1")));
            TestPeer.meet(a, b, ServerUnderTest.uniqueRoom());
            a.send("{\"type\":\"offer\",\"sdp\":\"still working\"}");
            assertEquals("still working", b.next("offer").getString("sdp"));
        }
    }

    @Test
    void anotherAddressIsNotAffected() {
        try (TestPeer a = TestPeer.connect(signal(), from("198.51.100.2"));
             TestPeer b = TestPeer.connect(signal(), from("198.51.100.2"));
             TestPeer other = TestPeer.connect(signal(), from("198.51.100.3"))) {
            other.sync();
        }
    }

    @Test
    void aClosedConnectionFreesItsPlace() {
        try (TestPeer a = TestPeer.connect(signal(), from("198.51.100.4"))) {
            TestPeer b = TestPeer.connect(signal(), from("198.51.100.4"));
            b.close();
            ServerUnderTest.awaitConnections(server.server(), 1);
            try (TestPeer c = TestPeer.connect(signal(), from("198.51.100.4"))) {
                c.sync();
            }
        }
    }

    @Test
    void addressesTheClientWroteBeforeTheProxysEntryDoNotCount() {
        try (TestPeer a = TestPeer.connect(signal(), from("6.6.6.1, 198.51.100.5"));
             TestPeer b = TestPeer.connect(signal(), from("6.6.6.2, 198.51.100.5"))) {
            assertEquals(1013, TestPeer.closeCodeOfNewConnection(signal(), from("6.6.6.3, 198.51.100.5")));
        }
    }

    @Test
    void theClientCannotChooseItsAddressWithAQueryParameter() {
        URI spoofing = URI.create(signal() + "?switchboard.client-address=203.0.113.9");
        try (TestPeer a = TestPeer.connect(spoofing, from("198.51.100.6"));
             TestPeer b = TestPeer.connect(spoofing, from("198.51.100.6"))) {
            assertEquals(1013, TestPeer.closeCodeOfNewConnection(spoofing, from("198.51.100.6")));
        }
    }
}
