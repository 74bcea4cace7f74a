package dev.switchboard.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrainGateTest {

    private final DrainGate gate = new DrainGate();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    private String connection() {
        StringBuilder outcome = new StringBuilder();
        gate.connection(() -> outcome.append("admitted"), () -> outcome.append("refused"));
        return outcome.toString();
    }

    private String message() {
        StringBuilder outcome = new StringBuilder();
        gate.message(() -> outcome.append("admitted"), () -> outcome.append("refused"));
        return outcome.toString();
    }

    @Test
    void connectionsAreRefusedFirstThenMessages() {
        assertEquals("admitted", connection());
        assertEquals("admitted", message());

        gate.refuseConnections();
        assertEquals("refused", connection());
        assertEquals("admitted", message());
        assertFalse(gate.takesConnections());

        assertTrue(gate.refuseMessages(Duration.ofSeconds(1)));
        assertEquals("refused", connection());
        assertEquals("refused", message());
        assertFalse(gate.takesMessages());
    }

    @Test
    void refusingMessagesWaitsForTheOneBeingHandled() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> message = threads.submit(() -> gate.message(() -> {
            handling.countDown();
            await(release);
        }, () -> { throw new AssertionError("refused"); }));
        assertTrue(handling.await(10, TimeUnit.SECONDS));

        CompletableFuture<Boolean> refusal = CompletableFuture.supplyAsync(
                () -> gate.refuseMessages(Duration.ofSeconds(30)), threads);
        // Still waiting while the message is being handled.
        assertThrows(TimeoutException.class, () -> refusal.get(200, TimeUnit.MILLISECONDS));
        release.countDown();
        assertTrue(refusal.get(10, TimeUnit.SECONDS), "the message in progress finished within the time");
        message.get(10, TimeUnit.SECONDS);
        assertEquals("refused", message());
    }

    @Test
    void aMessageThatTakesTooLongDoesNotHoldTheRefusalBeyondItsTime() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        threads.submit(() -> gate.message(() -> {
            handling.countDown();
            await(release);
        }, () -> { }));
        assertTrue(handling.await(10, TimeUnit.SECONDS));

        assertFalse(gate.refuseMessages(Duration.ofMillis(100)));
        assertFalse(gate.takesMessages());
        release.countDown();
        assertEquals("refused", message());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
