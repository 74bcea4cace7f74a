package dev.switchboard.connection;

import dev.switchboard.access.Access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.admission.RateLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of this node's connections, and what it tells operators about their queues. */
class ConnectedPeersTest {

    private final ConnectionThreadRule rule = new ConnectionThreadRule();
    private final ManualExecutor writes = new ManualExecutor();
    private final ManualExecutor pingsAndCloses = new ManualExecutor();
    private final ManualExecutor cleanUps = new ManualExecutor();
    private final ConnectedPeers peers = new ConnectedPeers();

    private Connection connection(String peer) {
        return new Connection(peer, null, Access.unrestricted(), new FakeTransport(FakeTransport.Completion.MANUAL, Runnable::run, rule),
                new Outbox.Bounds(100, 100_000), new RateLimits(1, 1, 1, 1, 1).newLimiter(0),
                new ConnectionThreads(writes, pingsAndCloses, cleanUps), (ended, how) -> { }, 0);
    }

    @Test
    void aConnectionIsFoundFromItsRegistrationUntilItIsForgotten() {
        Connection a = connection("a");
        assertNull(peers.get("a"));
        peers.register(a);
        assertSame(a, peers.get("a"));
        assertTrue(peers.isConnected("a"));
        assertTrue(peers.forget(a));
        assertFalse(peers.forget(a), "forgotten once");
        assertFalse(peers.isConnected("a"));
        assertEquals(0, peers.count());
    }

    @Test
    void theQueueFiguresCoverOpenAndForgottenConnections() {
        Connection a = connection("a");
        Connection b = connection("b");
        peers.register(a);
        peers.register(b);
        for (int i = 0; i < 5; i++) {
            a.send(Frame.of("x" + i));
        }
        b.send(Frame.of("y"));
        writes.runAll(); // one frame of each in flight, never completed
        assertEquals(4, peers.queued());
        assertEquals(4, peers.deepestQueue());
        assertEquals(5, peers.queuePeak());
        peers.forget(a);
        assertEquals(0, peers.queued());
        assertEquals(5, peers.queuePeak(), "the peak outlives the connection");
        assertEquals(List.of(), rule.violations());
    }

    @Test
    void closingAllQueuesACloseForEach() {
        Connection a = connection("a");
        Connection b = connection("b");
        peers.register(a);
        peers.register(b);
        assertEquals(2, peers.closeAllNow(CloseCodes.nodeReset()));
        assertEquals(2, pingsAndCloses.runAll());
        assertTrue(a.hasEnded() && b.hasEnded());
        assertEquals(2, cleanUps.runAll());
        assertEquals(List.of(), rule.violations());
    }
}
