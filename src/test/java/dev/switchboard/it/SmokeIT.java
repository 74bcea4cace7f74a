package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmokeIT {
    @Test
    void createAndJoin() {
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            a.request("create", "smoke");
            assertEquals("smoke", a.next("created").getString("room"));
            b.request("join", "smoke");
            assertEquals(a.peerId(), b.next("joined").getJsonArray("peers").getString(0));
            assertEquals(b.peerId(), a.next("peer-joined").getString("peerId"));
        }
    }
}
