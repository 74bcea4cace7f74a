package dev.switchboard.connection;

import dev.switchboard.access.Access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.admission.RateLimits;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One connection's end: once, after the message being handled, never beside one. */
class ConnectionTest {

    private final ConnectionThreadRule rule = new ConnectionThreadRule();
    private final ManualExecutor writes = new ManualExecutor();
    private final ManualExecutor pingsAndCloses = new ManualExecutor();
    private final ManualExecutor cleanUps = new ManualExecutor();
    private final List<Connection.End> endings = new CopyOnWriteArrayList<>();
    private final FakeTransport transport = new FakeTransport(FakeTransport.Completion.INLINE, Runnable::run, rule);
    private final Connection connection = new Connection("p", null, Access.unrestricted(), transport, new Outbox.Bounds(10, 1000),
            new RateLimits(1, 1, 1, 1, 1).newLimiter(0), new ConnectionThreads(writes, pingsAndCloses, cleanUps),
            (ended, how) -> endings.add(how), 0);
    private final ExecutorService container = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        container.shutdownNow();
        assertTrue(container.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(List.of(), rule.violations());
    }

    @Test
    void endsOnceHoweverManyThingsEndIt() {
        assertTrue(connection.closeNow(CloseCodes.idle()));
        assertFalse(connection.closeAfterFlush(CloseCodes.goingAway()));
        assertFalse(connection.timeOut());
        connection.closed();
        cleanUps.runAll();
        assertEquals(List.of(Connection.End.CLOSED), endings);
        pingsAndCloses.runAll();
        assertEquals(CloseCodes.IDLE, transport.closed().code());
    }

    @Test
    void aTimeoutEndsItAsTimedOut() {
        assertTrue(connection.timeOut());
        cleanUps.runAll();
        assertEquals(List.of(Connection.End.TIMED_OUT), endings);
    }

    @Test
    void handedOverWhileOpenItIsClosedWith4006EndsAsReplacedAndKeepsForwardingAfterTheContainerReportsTheClose() {
        FakeTransport nextTransport = new FakeTransport(FakeTransport.Completion.INLINE, Runnable::run, rule);
        Outbox next = new Outbox(nextTransport, new Outbox.Bounds(10, 1000), writes, pingsAndCloses, pingsAndCloses, () -> { });
        connection.send(Frame.of("{\"queued\":1}"));
        assertTrue(connection.handOver(next, Frame.of("{\"resumed\":1}")));
        pingsAndCloses.runAll();
        assertEquals(CloseCodes.REPLACED, transport.closed().code());
        connection.closed(); // the container's onClose for that close
        connection.send(Frame.of("{\"later\":1}"));
        cleanUps.runAll();
        writes.runAll();
        assertEquals(List.of(Connection.End.REPLACED), endings);
        assertEquals(List.of("{\"resumed\":1}", "{\"queued\":1}", "{\"later\":1}"), nextTransport.writtenSoFar());
        assertEquals(List.of(), transport.writtenSoFar(), "nothing written to the old connection");
    }

    @Test
    void afterAGoodbyeThereIsNothingToHandOver() {
        connection.closed();
        Outbox next = new Outbox(transport, new Outbox.Bounds(10, 1000), Runnable::run, Runnable::run, Runnable::run, () -> { });
        assertFalse(connection.handOver(next, Frame.of("{}")));
    }

    @Test
    void nothingIsActedOnAfterItsEnd() {
        connection.closed();
        assertFalse(connection.act(() -> {
            throw new AssertionError("acted on after the end");
        }));
        assertTrue(connection.hasEnded());
    }

    @Test
    void itsEndingWaitsForTheMessageBeingActedOn() throws Exception {
        CountDownLatch acting = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Future<Boolean> message = container.submit(() -> connection.act(() -> {
            acting.countDown();
            await(finish);
            order.add("message handled");
        }));
        await(acting);
        connection.closeNow(CloseCodes.heartbeatTimeout()); // from another thread, as a heartbeat or a full queue
        Thread cleanUp = new Thread(() -> {
            cleanUps.runAll();
            order.add("ended");
        });
        cleanUp.start();
        // The clean-up is blocked on the connection's turn while the message is handled.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> cleanUp.getState() == Thread.State.BLOCKED);
        assertEquals(List.of(), endings);
        finish.countDown();
        assertTrue(message.get(10, TimeUnit.SECONDS));
        cleanUp.join(10_000);
        assertEquals(List.of("message handled", "ended"), order);
        assertEquals(List.of(Connection.End.CLOSED), endings);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
