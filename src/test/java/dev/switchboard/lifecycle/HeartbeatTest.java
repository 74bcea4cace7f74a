package dev.switchboard.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.connection.CloseCodes;
import dev.switchboard.endpoint.TestClient;
import dev.switchboard.endpoint.TestServer;
import dev.switchboard.metrics.SignalingMetrics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The heartbeat's decisions, at chosen times: pings, timeouts, idle closes; it never waits for a connection. */
class HeartbeatTest {

    private final AtomicInteger timeouts = new AtomicInteger();
    private final TestServer server = new TestServer();
    private final Heartbeat heartbeat = new Heartbeat(server.peers, server.signaling, server.sessionLimits,
            new SignalingMetrics() {
                @Override
                public void heartbeatTimedOut() {
                    timeouts.incrementAndGet();
                }
            });
    private final long start = System.nanoTime();

    @AfterEach
    void theThreadingRuleHeld() throws InterruptedException {
        server.close();
    }

    private long after(long millis) {
        return start + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static long pings(TestClient client) {
        return client.transport().writtenSoFar().stream().filter("PING"::equals).count();
    }

    @Test
    void everyConnectionIsPinged() {
        TestClient client = server.connect();
        heartbeat.tick(after(TestServer.HEARTBEAT_INTERVAL_MS));
        server.settle();
        assertEquals(1, pings(client));
        assertNull(client.closed());
    }

    @Test
    void aPeerSilentPastTheTimeoutIsClosedWith4004AndItsRoomHearsTimeout() {
        TestClient alive = server.connect();
        TestClient silent = server.connect();
        alive.send("{\"type\":\"create\",\"room\":\"r\"}");
        silent.send("{\"type\":\"join\",\"room\":\"r\"}");
        long late = after(TestServer.HEARTBEAT_TIMEOUT_MS + 1);
        alive.connection().heard(late);
        silent.connection().heard(start);
        heartbeat.tick(late);
        heartbeat.tick(late); // found silent again before it is forgotten: counted once
        server.settle();
        assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, silent.closed().code());
        assertEquals("timeout", alive.received().get(alive.received().size() - 1).getString("reason"));
        assertEquals(1, timeouts.get());
        assertEquals(0, server.rooms.occupancy().peers() - 1, "only the live peer is left in the room");
    }

    @Test
    void aConnectionInNoRoomForTheIdleTimeoutIsClosedWith4005() {
        TestClient idle = server.connect(); // idle from a moment after the start
        long late = after(TestServer.IDLE_TIMEOUT_MS + 1_000);
        idle.connection().heard(late);
        heartbeat.tick(late);
        server.settle();
        assertEquals(CloseCodes.IDLE, idle.closed().code());
        assertEquals(0, server.peers.count());
    }

    @Test
    void aPeerInARoomIsNeverIdle() {
        TestClient engaged = server.connect();
        engaged.send("{\"type\":\"create\",\"room\":\"r\"}");
        long late = after(TestServer.IDLE_TIMEOUT_MS + 1_000);
        engaged.connection().heard(late);
        heartbeat.tick(late);
        server.settle();
        assertNull(engaged.closed());
        assertEquals(1, pings(engaged));
    }
}
