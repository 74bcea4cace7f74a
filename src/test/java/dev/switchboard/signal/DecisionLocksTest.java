package dev.switchboard.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DecisionLocksTest {

    private final DecisionLocks decisions = new DecisionLocks();
    private final Object roomLock = new Object();
    private final Object presenceLock = new Object();
    private final WatchingTransport transport = new WatchingTransport();
    private final Outbox outbox = new Outbox(transport, new Outbox.Bounds(100, 1 << 20), decisions);

    /** Records each write with whether the writing thread held one of the decision locks at that moment. */
    private final class WatchingTransport implements Outbox.Transport {
        final List<String> written = new ArrayList<>();
        final List<Boolean> underALock = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();

        @Override
        public void send(String frame, Consumer<Throwable> done) {
            written.add(frame);
            underALock.add(Thread.holdsLock(roomLock) || Thread.holdsLock(presenceLock));
            threads.add(Thread.currentThread());
            done.accept(null);
        }

        @Override
        public void ping(Consumer<Throwable> done) {
            done.accept(null);
        }

        @Override
        public void close(CloseReason reason) {
        }
    }

    @Test
    void messagesQueuedInADecisionAreWrittenAfterItInOrderOnTheSameThread() {
        decisions.run(roomLock, () -> {
            outbox.send("peer-joined");
            outbox.send("joined");
            assertEquals(List.of(), transport.written, "nothing written while the lock is held");
            assertEquals(2, outbox.queued());
        });
        assertEquals(List.of("peer-joined", "joined"), transport.written);
        assertEquals(List.of(false, false), transport.underALock);
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), transport.threads);
    }

    @Test
    void nestedDecisionsHoldTheWritesBackUntilTheOutermostEnds() {
        decisions.run(roomLock, () -> {
            boolean left = decisions.call(presenceLock, () -> {
                outbox.send("peer-offline");
                return true;
            });
            assertTrue(left);
            assertEquals(List.of(), transport.written, "the room's lock is still held");
        });
        assertEquals(List.of("peer-offline"), transport.written);
        assertEquals(List.of(false), transport.underALock);
    }

    @Test
    void outsideADecisionAMessageIsWrittenAtOnce() {
        outbox.send("welcome");
        assertEquals(List.of("welcome"), transport.written);
    }

    @Test
    void theWritesOfADecisionThatFailsAreStillMade() {
        assertThrows(IllegalStateException.class, () -> decisions.run(roomLock, () -> {
            outbox.send("error");
            throw new IllegalStateException("the registry failed");
        }));
        assertEquals(List.of("error"), transport.written);
        outbox.send("next");
        assertEquals(List.of("error", "next"), transport.written, "the thread is out of the decision");
    }
}
