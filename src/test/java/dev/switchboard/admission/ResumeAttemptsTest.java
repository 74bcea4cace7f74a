package dev.switchboard.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResumeAttemptsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final ResumeAttempts attempts = new ResumeAttempts(2, 5);

    @Test
    void anAddressMayTryABurstThenAtTheRate() {
        IntStream.range(0, 5).forEach(n -> assertTrue(attempts.tryAttempt("192.0.2.1", 0), "attempt " + n));
        assertFalse(attempts.tryAttempt("192.0.2.1", 0));
        assertTrue(attempts.tryAttempt("192.0.2.1", SECOND / 2));
        assertFalse(attempts.tryAttempt("192.0.2.1", SECOND / 2));
    }

    @Test
    void addressesAreCountedApartAndAnUnknownOneIsNeverLimited() {
        IntStream.range(0, 5).forEach(n -> attempts.tryAttempt("192.0.2.1", 0));
        assertTrue(attempts.tryAttempt("192.0.2.2", 0));
        IntStream.range(0, 100).forEach(n -> assertTrue(attempts.tryAttempt(null, 0)));
    }

    @Test
    void anAddressWhoseBucketFilledUpAgainIsForgotten() {
        IntStream.range(0, 1000).forEach(n -> attempts.tryAttempt("198.51.100." + (n % 250) + "/" + n, 0));
        assertEquals(1000, attempts.addresses());
        attempts.tryAttempt("192.0.2.1", 10 * SECOND); // the first attempt more than a second later forgets the rested ones
        assertEquals(1, attempts.addresses());
    }
}
