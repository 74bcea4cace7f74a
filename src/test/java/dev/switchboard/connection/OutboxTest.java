package dev.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final ConnectionThreadRule rule = new ConnectionThreadRule();
    private final ManualExecutor writes = new ManualExecutor();
    private final ManualExecutor blocking = new ManualExecutor();
    private final ManualExecutor late = new ManualExecutor();
    private final ExecutorService container = Executors.newSingleThreadExecutor();
    private final AtomicInteger failures = new AtomicInteger();

    @AfterEach
    void theRuleHeld() throws InterruptedException {
        container.shutdownNow();
        assertTrue(container.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(List.of(), rule.violations());
    }

    private FakeTransport transport(FakeTransport.Completion completion) {
        return new FakeTransport(completion, container, rule);
    }

    private Outbox outbox(FakeTransport transport, Outbox.Bounds bounds) {
        return new Outbox(transport, bounds, writes, blocking, late, failures::incrementAndGet);
    }

    /** Runs the connection threads' tasks until none is left. */
    private void settle() {
        while (writes.runAll() + blocking.runAll() > 0) {
            // each may have queued work for the other
        }
    }

    private static Frame frame(String text) {
        return Frame.of(text);
    }

    private static Frame message(int n) {
        return frame("m" + n);
    }

    private static List<String> texts(int... numbers) {
        return IntStream.of(numbers).mapToObj(n -> "m" + n).toList();
    }

    private static Outbox.Bounds frames(int frames) {
        return new Outbox.Bounds(frames, Long.MAX_VALUE);
    }

    @Test
    void queueingNeverTouchesTheConnection() {
        FakeTransport transport = transport(FakeTransport.Completion.INLINE);
        Outbox outbox = outbox(transport, frames(10));
        outbox.send(message(1));
        outbox.ping();
        outbox.closeWhenFlushed(CloseCodes.roomFull());
        assertEquals(List.of(), transport.writtenSoFar());
        assertNull(transport.closed());
        settle();
        assertEquals(List.of("m1", "PING"), transport.writtenSoFar());
        assertEquals(CloseCodes.ROOM_FULL, transport.closed().code());
    }

    @Test
    void writesInOrderOneAtATime() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, frames(10));
        outbox.send(message(1));
        outbox.send(message(2));
        outbox.send(message(3));
        writes.runAll();
        assertEquals(texts(1), transport.writtenSoFar());
        transport.completeOne(null);
        assertEquals(texts(1), transport.writtenSoFar(), "the next write waits for the write path, not the completion's thread");
        writes.runAll();
        assertEquals(texts(1, 2), transport.writtenSoFar());
        transport.completeOne(null);
        writes.runAll();
        transport.completeOne(null);
        assertEquals(0, writes.runAll(), "nothing left to write: no task");
        assertEquals(texts(1, 2, 3), transport.writtenSoFar());
        assertEquals(1, transport.maxInFlight.get());
        assertEquals(0, outbox.queued());
    }

    @Test
    void atMostOneWriteTaskPerOutboxIsQueued() {
        FakeTransport transport = transport(FakeTransport.Completion.INLINE);
        Outbox outbox = outbox(transport, frames(100));
        for (int i = 0; i < 50; i++) {
            outbox.send(message(i));
        }
        assertEquals(1, writes.waiting());
        writes.runAll();
        assertEquals(50, transport.writtenSoFar().size());
    }

    @Test
    void aLongQueueIsWrittenInBatchesSoOtherConnectionsGetTheirTurn() {
        FakeTransport transport = transport(FakeTransport.Completion.INLINE);
        Outbox outbox = outbox(transport, frames(10_000));
        for (int i = 0; i < 10_000; i++) {
            outbox.send(message(i));
        }
        assertEquals(10_000 / Outbox.BATCH + 1, writes.runAll(), "one task per batch, none recursing");
        assertEquals(10_000, transport.writtenSoFar().size());
        assertNull(transport.closed());
    }

    @Test
    void overflowingTheQueueClosesTheConnectionAsSlowConsumer() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, frames(2));
        outbox.send(message(0));
        writes.runAll(); // m0 in flight
        outbox.send(message(1));
        outbox.send(message(2));
        outbox.send(message(3));
        assertEquals(1, failures.get());
        blocking.runAll();
        assertEquals(CloseCodes.SLOW_CONSUMER, transport.closed().code());
        assertEquals(0, outbox.queued());
        transport.completeOne(null);
        outbox.send(message(4));
        writes.runAll();
        assertEquals(texts(0), transport.writtenSoFar());
    }

    @Test
    void overflowingTheByteBoundClosesTheConnectionAsSlowConsumer() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, new Outbox.Bounds(100, 10));
        outbox.send(frame("0"));
        writes.runAll(); // in flight: no longer queued
        outbox.send(frame("12345"));
        outbox.send(frame("\u00e9\u00e9")); // 4 bytes in UTF-8: 9 in all
        assertEquals(9, outbox.queuedBytes());
        outbox.send(frame("ab")); // 11 bytes
        blocking.runAll();
        assertEquals(CloseCodes.SLOW_CONSUMER, transport.closed().code());
        assertEquals(0, outbox.queuedBytes());
        assertEquals(1, failures.get());
    }

    @Test
    void writtenFramesNoLongerCountAgainstTheByteBound() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, new Outbox.Bounds(100, 10));
        outbox.send(frame("0"));
        outbox.send(frame("123456789"));
        writes.runAll();
        transport.completeOne(null);
        writes.runAll(); // "123456789" goes to the transport
        outbox.send(frame("123456789"));
        assertEquals(9, outbox.queuedBytes());
        assertEquals(0, failures.get());
    }

    @Test
    void aWriteThatTimesOutClosesTheConnectionAsSlowConsumerAndStopsWriting() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        failTheFirstOfTwoWrites(transport, new IOException("write failed", new SocketTimeoutException("no progress")));
        assertEquals(CloseCodes.SLOW_CONSUMER, transport.closed().code());
    }

    @Test
    void aWriteThatFailsOtherwiseLeavesTheCloseToTheContainerThenClosesLateAsLostNotSlow() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        failTheFirstOfTwoWrites(transport, new IOException("Broken pipe")); // Open Liberty's, for a client gone
        assertNull(transport.closed(), "closed while the container closes it: that close frame's write races the teardown");
        late.runAll();
        assertEquals(CloseCodes.INTERNAL_ERROR, transport.closed().code());
    }

    @Test
    void aLostConnectionsOutboxIsFinishedAtOnceAndTakesNothingMoreWhileTheContainerClosesIt() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = failTheFirstOfTwoWrites(transport, new IOException("Connection reset by peer"));
        assertTrue(outbox.finished().toCompletableFuture().isDone(), "a drain would wait for it");
        outbox.send(message(2));
        outbox.ping();
        assertFalse(outbox.hold(CloseCodes.heartbeatTimeout()));
        assertFalse(outbox.closeWhenFlushed(CloseCodes.goingAway()));
        assertFalse(outbox.closeNow(CloseCodes.goingAway()));
        assertEquals(Outbox.HandOver.REFUSED, outbox.handOver(outbox(transport(FakeTransport.Completion.INLINE), frames(10)),
                message(3), CloseCodes.replaced()));
        settle();
        assertEquals(texts(0), transport.writtenSoFar());
        assertNull(transport.closed(), "only the late close closes it");
        late.runAll();
        assertEquals(CloseCodes.INTERNAL_ERROR, transport.closed().code());
        assertEquals(1, failures.get());
    }

    /** Two frames queued, the first write fails with {@code failure}: nothing more is written, the failure is reported once. */
    private Outbox failTheFirstOfTwoWrites(FakeTransport transport, Throwable failure) {
        Outbox outbox = outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.send(message(1));
        writes.runAll();
        transport.completeOne(failure);
        writes.runAll();
        blocking.runAll();
        assertEquals(texts(0), transport.writtenSoFar());
        assertEquals(1, failures.get());
        return outbox;
    }

    @Test
    void timeoutsAreToldFromOtherFailuresByTheirCauses() {
        assertTrue(Outbox.timedOut(new SocketTimeoutException()));
        assertTrue(Outbox.timedOut(new IllegalStateException(new java.util.concurrent.TimeoutException())));
        assertTrue(Outbox.timedOut(new IOException(new java.nio.channels.InterruptedByTimeoutException())));
        assertFalse(Outbox.timedOut(new IOException("write not allowed.  Most likely cause is that another Write or Close is in progress")));
        assertFalse(Outbox.timedOut(new IllegalStateException("closed")));
    }

    @Test
    void closeWhenFlushedWritesWhatIsQueuedFirst() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.send(message(1));
        assertTrue(outbox.closeWhenFlushed(CloseCodes.roomFull()));
        assertFalse(outbox.closeWhenFlushed(CloseCodes.roomFull()), "began once");
        outbox.send(message(2)); // too late: dropped
        writes.runAll();
        transport.completeOne(null);
        writes.runAll();
        blocking.runAll();
        assertNull(transport.closed());
        transport.completeOne(null);
        writes.runAll();
        blocking.runAll();
        assertEquals(CloseCodes.ROOM_FULL, transport.closed().code());
        assertEquals(texts(0, 1), transport.writtenSoFar());
        assertTrue(outbox.finished().toCompletableFuture().isDone());
    }

    @Test
    void finishedOnlyOnceTheCloseHasReturned() {
        FakeTransport transport = transport(FakeTransport.Completion.INLINE);
        Outbox outbox = outbox(transport, frames(10));
        outbox.closeNow(CloseCodes.goingAway());
        assertFalse(outbox.finished().toCompletableFuture().isDone());
        blocking.runAll();
        assertTrue(outbox.finished().toCompletableFuture().isDone());
    }

    @Test
    void discardStopsWriting() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.send(message(1));
        writes.runAll();
        outbox.discard();
        transport.completeOne(null);
        outbox.send(message(2));
        writes.runAll();
        assertEquals(texts(0), transport.writtenSoFar());
        assertNull(transport.closed(), "the container has closed it: nothing to close");
        assertTrue(outbox.finished().toCompletableFuture().isDone());
    }

    @Test
    void aPingRunsApartFromTheWritesBecauseItCanBlock() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, frames(10));
        outbox.ping();
        writes.runAll();
        assertEquals(List.of(), transport.writtenSoFar(), "not on the write path");
        blocking.runAll();
        assertEquals(List.of("PING"), transport.writtenSoFar());
    }

    @Test
    void pingsWaitTheirTurnBehindQueuedMessages() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.ping();
        outbox.send(message(1));
        for (int i = 0; i < 3; i++) {
            settle();
            transport.completeOne(null);
        }
        assertEquals(List.of("m0", "PING", "m1"), transport.writtenSoFar());
    }

    @Test
    void aPingNotYetSentIsNotDoubled() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, frames(10));
        outbox.send(message(0));
        writes.runAll(); // in flight: the receiver is not reading
        outbox.ping();
        outbox.ping();
        outbox.ping();
        assertEquals(1, outbox.queued());
        transport.completeOne(null);
        settle();
        transport.completeOne(null);
        outbox.ping(); // the earlier one went out: a new one may be queued
        settle();
        assertEquals(List.of("m0", "PING", "PING"), transport.writtenSoFar());
    }

    @Test
    void closeNowDropsTheQueueAndCloses() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.send(message(1));
        writes.runAll();
        assertTrue(outbox.closeNow(CloseCodes.heartbeatTimeout()));
        assertFalse(outbox.closeNow(CloseCodes.heartbeatTimeout()), "closed already: no second close");
        blocking.runAll();
        assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, transport.closed().code());
        transport.completeOne(null);
        writes.runAll();
        assertEquals(texts(0), transport.writtenSoFar());
    }

    @Test
    void closeNowAlsoEndsAFlushThatDoesNotFinish() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, frames(10));
        outbox.send(message(0));
        writes.runAll(); // never completes: the receiver stopped reading
        outbox.closeWhenFlushed(CloseCodes.goingAway());
        assertFalse(outbox.closeNow(CloseCodes.goingAway()), "the flush began the close");
        blocking.runAll();
        assertEquals(CloseCodes.GOING_AWAY, transport.closed().code());
    }

    @Test
    void aWriteThatFailsAfterTheConnectionClosedDoesNotCloseItAgainAsSlowConsumer() {
        FakeTransport transport = transport(FakeTransport.Completion.MANUAL);
        Outbox outbox = outbox(transport, frames(10));
        outbox.send(message(0));
        writes.runAll();
        outbox.closeNow(CloseCodes.heartbeatTimeout());
        transport.completeOne(new IOException("session closed"));
        blocking.runAll();
        assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, transport.closed().code());
        assertEquals(0, failures.get());
    }

    @Test
    void concurrentSendersKeepEachSendersOrderAndNeverOverlapWrites() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            FakeTransport transport = transport(FakeTransport.Completion.ASYNC);
            Outbox outbox = new Outbox(transport, frames(1_000_000),
                    task -> writers.execute(() -> ConnectionThreadRule.runOnPath(task)), blocking, late, failures::incrementAndGet);
            int senders = 8;
            // Every write checks the threading rule through ThreadMXBean, a few milliseconds each on a loaded
            // machine: enough writes for the senders to interleave, few enough to finish well inside the wait.
            int perSender = 250;
            transport.writes = new CountDownLatch(senders * perSender);
            sendConcurrently(senders, perSender, (sender, i) -> outbox.send(frame(sender + ":" + i)));
            assertTrue(transport.writes.await(60, TimeUnit.SECONDS), () -> "written " + transport.writtenSoFar().size()
                    + " of " + senders * perSender + ", " + outbox.queued() + " still queued");
            assertEquals(senders * perSender, transport.writtenSoFar().size());
            assertEquals(1, transport.maxInFlight.get(), "writes overlapped");
            assertEachSendersOrder(transport.writtenSoFar());
            assertNull(transport.closed());
        } finally {
            writers.shutdownNow();
        }
    }

    interface Send {
        void send(String sender, int n);
    }

    private static void sendConcurrently(int senders, int perSender, Send send) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                String sender = "s" + s;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perSender; i++) {
                        send.send(sender, i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertEachSendersOrder(List<String> written) {
        Map<String, Integer> lastSeen = new HashMap<>();
        for (String frame : written) {
            String[] senderAndNumber = frame.split(":");
            int n = Integer.parseInt(senderAndNumber[1]);
            int previous = lastSeen.getOrDefault(senderAndNumber[0], -1);
            assertEquals(previous + 1, n, "order of sender " + senderAndNumber[0]);
            lastSeen.put(senderAndNumber[0], n);
        }
    }
}
