package dev.switchboard.connection;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionThreadsTest {

    @Test
    void aLateCloseRunsOnAPingAndCloseThreadAfterTheGrace() throws Exception {
        ConnectionThreads threads = new ConnectionThreads();
        threads.start();
        try {
            long queued = System.nanoTime();
            CompletableFuture<String> ranOn = new CompletableFuture<>();
            threads.lateCloses().execute(() -> ranOn.complete(Thread.currentThread().getName()));
            String thread = ranOn.get(ConnectionThreads.LATE_CLOSE_SECONDS + 30, TimeUnit.SECONDS);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queued);
            assertTrue(thread.startsWith("switchboard-ping-close-"), thread);
            assertTrue(waitedMillis >= TimeUnit.SECONDS.toMillis(ConnectionThreads.LATE_CLOSE_SECONDS),
                    "ran after " + waitedMillis + " ms"); // a lower bound: a scheduled task never runs early
        } finally {
            threads.stop();
        }
    }

    @Test
    void aLateCloseIsRefusedOnceTheApplicationStopsAsAnyExecutorRefuses() {
        ConnectionThreads threads = new ConnectionThreads();
        threads.start();
        threads.stop();
        // the outbox catches it: a stopping application's connections are closed by the container
        assertThrows(RejectedExecutionException.class, () -> threads.lateCloses().execute(() -> { }));
    }

    @Test
    void aPingOrCloseTheContainerHoldsIsCountedUntilItReturns() throws Exception {
        ConnectionThreads threads = new ConnectionThreads();
        threads.start();
        CountDownLatch held = new CountDownLatch(1);
        CompletableFuture<Void> returned = new CompletableFuture<>();
        try {
            threads.pingsAndCloses().execute(() -> {
                try {
                    held.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    returned.complete(null);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> threads.blockingLongerThan(Duration.ZERO) == 1);
            assertEquals(0, threads.blockingLongerThan(Duration.ofHours(1)), "not held that long");
            held.countDown();
            returned.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> threads.blockingLongerThan(Duration.ZERO) == 0);
        } finally {
            held.countDown();
            threads.stop();
        }
    }
}
