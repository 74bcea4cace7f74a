package dev.switchboard.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.access.Access;
import dev.switchboard.admission.RateLimits;
import dev.switchboard.connection.Close;
import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.ConnectionThreads;
import dev.switchboard.connection.FakeTransport;
import dev.switchboard.connection.ManualExecutor;
import dev.switchboard.connection.Outbox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The end of a relay (a connection carrying another node's peer) on the relaying node. Its ending runs here
 * at once, on the closing thread, the earliest it can run: the close it follows must still go out.
 */
class RelayLifecycleTest {

    private final TestServer server = new TestServer();
    private final FakeTransport transport = new FakeTransport(FakeTransport.Completion.INLINE, Runnable::run, server.rule);
    private final ManualExecutor writes = new ManualExecutor();
    private final ManualExecutor pingsAndCloses = new ManualExecutor();
    private final Connection relay = new Connection("relay", null, Access.unrestricted(), transport,
            new Outbox.Bounds(10, 1000), new RateLimits(1, 1, 1, 1, 1).newLimiter(0),
            new ConnectionThreads(writes, pingsAndCloses, Runnable::run), server.lifecycle::ended, 0);

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void aRelayClosedByItsHomeNodeDyingGetsTheCloseEvenThoughItsEndingRanFirst() {
        server.relays.mark(relay);
        relay.closeNow(CloseCodes.homeGone());
        pingsAndCloses.runAll();
        assertEquals(CloseCodes.SERVICE_RESTART, transport.closed().code());
    }

    @Test
    void aRelayItsHomeClosesAfterAnErrorGetsTheErrorThenTheClose() {
        server.relays.mark(relay);
        relay.send(dev.switchboard.connection.Frame.of("{\"type\":\"error\"}"));
        relay.closeAfterFlush(new Close(4002, "invalid room"));
        writes.runAll();
        pingsAndCloses.runAll();
        assertEquals(List.of("{\"type\":\"error\"}"), transport.writtenSoFar());
        assertEquals(4002, transport.closed().code());
    }
}
