package dev.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        writer.shutdownNow();
        assertTrue(writer.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Records writes; completes them inline, on another thread, or only when told. */
    private final class FakeTransport implements Outbox.Transport {
        enum Completion { INLINE, ASYNC, MANUAL }

        final Completion completion;
        /** Messages written, and "PING" for each ping. */
        final List<Object> written = Collections.synchronizedList(new ArrayList<>());
        final ConcurrentLinkedQueue<Consumer<Throwable>> pending = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        volatile CountDownLatch writes = new CountDownLatch(0);
        volatile CloseReason closed;

        FakeTransport(Completion completion) {
            this.completion = completion;
        }

        @Override
        public void send(String frame, Consumer<Throwable> done) {
            write(frame, done);
        }

        @Override
        public void ping(Consumer<Throwable> done) {
            write("PING", done);
        }

        private void write(Object message, Consumer<Throwable> done) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            written.add(message);
            writes.countDown();
            Consumer<Throwable> complete = failure -> {
                inFlight.decrementAndGet();
                done.accept(failure);
            };
            switch (completion) {
                case INLINE -> complete.accept(null);
                case ASYNC -> writer.execute(() -> complete.accept(null));
                case MANUAL -> pending.add(complete);
            }
        }

        @Override
        public void close(CloseReason reason) {
            closed = reason;
        }

        void completeOne(Throwable failure) {
            pending.remove().accept(failure);
        }
    }

    private static String message(int n) {
        return "m" + n;
    }

    private static Outbox.Bounds frames(int frames) {
        return new Outbox.Bounds(frames, Long.MAX_VALUE);
    }

    @Test
    void writesInOrderOneAtATime() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, frames(10));
        outbox.send(message(1));
        outbox.send(message(2));
        outbox.send(message(3));
        assertEquals(List.of(message(1)), transport.written);
        transport.completeOne(null);
        assertEquals(List.of(message(1), message(2)), transport.written);
        transport.completeOne(null);
        transport.completeOne(null);
        assertEquals(List.of(message(1), message(2), message(3)), transport.written);
        assertEquals(1, transport.maxInFlight.get());
        assertEquals(0, outbox.queued());
    }

    @Test
    void inlineCompletionsDrainALongQueueWithoutRecursion() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.INLINE);
        Outbox outbox = new Outbox(transport, frames(100_000));
        for (int i = 0; i < 100_000; i++) {
            outbox.send(message(i));
        }
        assertEquals(100_000, transport.written.size());
        assertNull(transport.closed);
    }

    @Test
    void overflowingTheQueueClosesTheConnectionAsSlowConsumer() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, frames(2));
        outbox.send(message(0)); // in flight
        outbox.send(message(1));
        outbox.send(message(2));
        assertNull(transport.closed);
        outbox.send(message(3));
        assertEquals(CloseCodes.SLOW_CONSUMER, transport.closed.getCloseCode().getCode());
        assertEquals(0, outbox.queued());
        transport.completeOne(null);
        outbox.send(message(4));
        assertEquals(List.of(message(0)), transport.written);
    }

    @Test
    void overflowingTheByteBoundClosesTheConnectionAsSlowConsumer() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, new Outbox.Bounds(100, 10));
        outbox.send("0"); // in flight at once: no longer queued
        outbox.send("12345");
        outbox.send("\u00e9\u00e9"); // 4 bytes in UTF-8: 9 in all
        assertEquals(9, outbox.queuedBytes());
        assertNull(transport.closed);
        outbox.send("ab"); // 11 bytes
        assertEquals(CloseCodes.SLOW_CONSUMER, transport.closed.getCloseCode().getCode());
        assertEquals(0, outbox.queuedBytes());
    }

    @Test
    void writtenFramesNoLongerCountAgainstTheByteBound() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, new Outbox.Bounds(100, 10));
        outbox.send("0");
        outbox.send("123456789");
        transport.completeOne(null); // "0" done; "123456789" goes to the transport
        outbox.send("123456789");
        assertEquals(9, outbox.queuedBytes());
        assertNull(transport.closed);
        assertEquals(1, outbox.peakQueued());
    }

    @Test
    void aFailedWriteClosesTheConnectionAndStopsWriting() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.send(message(1));
        transport.completeOne(new java.io.IOException("timed out"));
        assertEquals(CloseCodes.SLOW_CONSUMER, transport.closed.getCloseCode().getCode());
        assertEquals(List.of(message(0)), transport.written);
    }

    @Test
    void closeWhenFlushedWritesWhatIsQueuedFirst() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.send(message(1));
        outbox.closeWhenFlushed(CloseCodes.roomFull());
        outbox.send(message(2)); // too late: dropped
        transport.completeOne(null);
        assertNull(transport.closed);
        transport.completeOne(null);
        assertEquals(CloseCodes.ROOM_FULL, transport.closed.getCloseCode().getCode());
        assertEquals(List.of(message(0), message(1)), transport.written);
    }

    @Test
    void discardStopsWriting() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.send(message(1));
        outbox.discard();
        transport.completeOne(null);
        outbox.send(message(2));
        assertEquals(List.of(message(0)), transport.written);
    }

    @Test
    void concurrentSendersKeepEachSendersOrderAndNeverOverlapWrites() throws Exception {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.ASYNC);
        Outbox outbox = new Outbox(transport, frames(1_000_000));
        int senders = 8;
        int perSender = 5_000;
        transport.writes = new CountDownLatch(senders * perSender);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                String sender = "s" + s;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perSender; i++) {
                        outbox.send(sender + ":" + i);
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
        assertTrue(transport.writes.await(30, TimeUnit.SECONDS), "not all messages were written");
        assertEquals(senders * perSender, transport.written.size());
        assertEquals(1, transport.maxInFlight.get(), "writes overlapped");
        Map<String, Integer> lastSeen = new HashMap<>();
        synchronized (transport.written) {
            for (Object written : transport.written) {
                String[] senderAndNumber = ((String) written).split(":");
                int n = Integer.parseInt(senderAndNumber[1]);
                int previous = lastSeen.getOrDefault(senderAndNumber[0], -1);
                assertEquals(previous + 1, n, "order of sender " + senderAndNumber[0]);
                lastSeen.put(senderAndNumber[0], n);
            }
        }
        assertNull(transport.closed);
    }

    @Test
    void pingsWaitTheirTurnBehindQueuedMessages() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.ping();
        outbox.send(message(1));
        transport.completeOne(null);
        transport.completeOne(null);
        transport.completeOne(null);
        assertEquals(List.of(message(0), "PING", message(1)), transport.written);
    }

    @Test
    void aPingNotYetSentIsNotDoubled() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, frames(10));
        outbox.send(message(0)); // in flight: the receiver is not reading
        outbox.ping();
        outbox.ping();
        outbox.ping();
        assertEquals(1, outbox.queued());
        transport.completeOne(null);
        transport.completeOne(null);
        outbox.ping(); // the earlier one went out: a new one may be queued
        assertEquals(List.of(message(0), "PING", "PING"), transport.written);
    }

    @Test
    void closeNowDropsTheQueueAndCloses() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.send(message(1));
        outbox.closeNow(CloseCodes.heartbeatTimeout());
        assertEquals(CloseCodes.HEARTBEAT_TIMEOUT, transport.closed.getCloseCode().getCode());
        transport.completeOne(null);
        assertEquals(List.of(message(0)), transport.written);
    }

    @Test
    void aWriteThatFailsAfterTheConnectionClosedDoesNotCloseItAgainAsSlowConsumer() {
        FakeTransport transport = new FakeTransport(FakeTransport.Completion.MANUAL);
        Outbox outbox = new Outbox(transport, frames(10));
        outbox.send(message(0));
        outbox.closeNow(CloseCodes.heartbeatTimeout());
        transport.closed = null;
        transport.completeOne(new java.io.IOException("session closed"));
        assertNull(transport.closed);
    }
}
