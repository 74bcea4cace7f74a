package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Black-box, on every runtime: thousands of connections come and go, half with a close frame and half
 * dropping their TCP connections, under the default limits (every one of them from 127.0.0.1, so the
 * per-address limit of 256 must be given back as fast as they go); nothing is left behind.
 */
class ChurnIT {

    private static final int CYCLES = 2_000;
    private static final int THREADS = 8;

    @Test
    void joinThenCloseCyclesUnderTheDefaultLimitsLeaveNoRoomAndNoConnection() throws Exception {
        Churn.joinThenClose(ServerUnderTest::webSocketUri, CYCLES, THREADS);
        ServerUnderTest.awaitNoRoomsAndNoConnections();
        JsonObject left = ServerUnderTest.registryData();
        assertEquals(0, ServerUnderTest.count(left, "connections"));
        Figures.record("ChurnIT", "join-then-close cycles under the default limits, " + THREADS
                + " at once: rooms and connections left", CYCLES + " cycles: " + ServerUnderTest.count(left, "rooms")
                + " rooms, " + ServerUnderTest.count(left, "connections") + " connections");
    }
}
