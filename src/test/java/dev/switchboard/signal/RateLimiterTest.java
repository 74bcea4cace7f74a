package dev.switchboard.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.CreateOrJoin;
import dev.switchboard.protocol.Leave;
import dev.switchboard.protocol.Login;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketAllowsItsBurstThenItsRate() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertFalse(bucket.tryTake(0));
        assertTrue(bucket.tryTake(SECOND / 2)); // one token back after half a second at 2/s
        assertFalse(bucket.tryTake(SECOND / 2));
        assertTrue(bucket.tryTake(10 * SECOND));
    }

    @Test
    void aBucketNeverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, 100, 0);
        long later = 60 * SECOND;
        assertTrue(bucket.tryTake(later));
        assertTrue(bucket.tryTake(later));
        assertFalse(bucket.tryTake(later));
    }

    @Test
    void entriesIntoRoomsAndLoginsHaveTheirOwnStricterBucket() {
        RateLimiter limiter = new RateLimiter(new TokenBucket(100, 100, 0), new TokenBucket(2, 1, 0), 10);
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new CreateOrJoin("r", null), 0));
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new Login("a", null, null, null, null), 0));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new CreateOrJoin("r", null), 0));
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new Leave(null), 0)); // other messages still pass
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new CreateOrJoin("r", null), SECOND));
    }

    @Test
    void sendingOnAfterManyRefusalsInARowIsAbusive() {
        RateLimiter limiter = new RateLimiter(new TokenBucket(1, 1, 0), new TokenBucket(1, 1, 0), 3);
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new Leave(null), 0));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), 0));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), 0));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), 0));
        assertEquals(RateLimiter.Verdict.ABUSIVE, limiter.check(new Leave(null), 0));
    }

    @Test
    void anAllowedMessageResetsTheRefusalCount() {
        RateLimiter limiter = new RateLimiter(new TokenBucket(1, 1, 0), new TokenBucket(1, 1, 0), 2);
        limiter.check(new Leave(null), 0);
        limiter.check(new Leave(null), 0);
        limiter.check(new Leave(null), 0);
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new Leave(null), SECOND));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), SECOND));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), SECOND));
    }
}
