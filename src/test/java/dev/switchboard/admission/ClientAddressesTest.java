package dev.switchboard.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void withoutTrustedProxiesTheTcpPeerIsTheClientWhateverItClaims() {
        assertEquals("192.0.2.7", new ClientAddresses(0).of("192.0.2.7", List.of("198.51.100.1")));
    }

    @Test
    void behindOneProxyTheClientIsTheAddressThatProxyAppended() {
        ClientAddresses addresses = new ClientAddresses(1);
        assertEquals("198.51.100.1", addresses.of("10.128.0.1", List.of("198.51.100.1")));
    }

    @Test
    void entriesTheClientWroteItselfAreIgnored() {
        ClientAddresses addresses = new ClientAddresses(1);
        assertEquals("198.51.100.1", addresses.of("10.128.0.1", List.of("6.6.6.6, 7.7.7.7", "198.51.100.1")));
    }

    @Test
    void behindTwoProxiesTheSecondEntryFromTheRightIsTheClient() {
        ClientAddresses addresses = new ClientAddresses(2);
        assertEquals("198.51.100.1", addresses.of("10.0.0.1", List.of("6.6.6.6, 198.51.100.1, 10.0.0.9")));
    }

    @Test
    void aRequestThatBypassedTheProxiesIsCountedUnderItsTcpPeer() {
        assertEquals("192.0.2.7", new ClientAddresses(1).of("192.0.2.7", List.of()));
    }
}
