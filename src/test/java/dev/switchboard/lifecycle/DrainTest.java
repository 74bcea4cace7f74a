package dev.switchboard.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.FakeTransport;
import dev.switchboard.endpoint.TestClient;
import dev.switchboard.endpoint.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The drain closes every connection with 1001 after what was queued for it, and never waits past its time. */
class DrainTest {

    private final TestServer server = new TestServer();
    /** Time enough for every flush here: the fake transports check the threading rule, which is slow. */
    private final Drain drain = new Drain(server.gate, server.peers, 0, 20_000);
    private final Drain impatient = new Drain(server.gate, server.peers, 0, 300);

    @AfterEach
    void theThreadingRuleHeld() throws InterruptedException {
        server.close();
    }

    @Test
    void everyConnectionGetsWhatWasQueuedThenCloses1001() {
        TestClient a = server.connect();
        TestClient b = server.connect();
        a.send("{\"type\":\"create\",\"room\":\"r\"}");
        b.send("{\"type\":\"join\",\"room\":\"r\"}");
        for (int i = 0; i < 50; i++) {
            a.send("{\"type\":\"offer\",\"sdp\":\"" + i + "\"}");
        }
        drain.drainNow();
        server.settle();
        assertEquals(CloseCodes.GOING_AWAY, a.closed().code());
        assertEquals(CloseCodes.GOING_AWAY, b.closed().code());
        assertEquals(50, b.types().stream().filter("offer"::equals).count());
        assertEquals(0, server.peers.count());
    }

    @Test
    void aReceiverThatDoesNotTakeItsMessagesIsClosedAtTheDeadline() {
        TestClient reading = server.connect();
        TestClient stuck = server.connect("192.0.2.5", FakeTransport.Completion.MANUAL); // its welcome never completes
        server.settle();
        impatient.drainNow();
        assertEquals(CloseCodes.GOING_AWAY, reading.closed().code());
        server.settle();
        assertEquals(CloseCodes.GOING_AWAY, stuck.closed().code());
        assertTrue(stuck.connection().finished().toCompletableFuture().isDone());
    }

    @Test
    void messagesArrivingAfterTheDrainAreRefusedWithShuttingDown() {
        TestClient client = server.connect();
        server.settle();
        server.gate.refuseMessages(java.time.Duration.ofSeconds(1));
        client.send("{\"type\":\"create\",\"room\":\"r\",\"id\":7}");
        server.settle();
        assertEquals("shutting-down", client.received().get(1).getString("code"));
        assertEquals(0, server.rooms.occupancy().rooms());
    }
}
