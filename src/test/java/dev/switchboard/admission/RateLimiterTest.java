package dev.switchboard.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.Auth;
import dev.switchboard.protocol.CreateOrJoin;
import dev.switchboard.protocol.Leave;
import dev.switchboard.protocol.Login;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBucketAllowsItsBurstThenItsRate() {
        TokenBucket bucket = new TokenBucket(Rate.of(3, 2), 0);
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
        TokenBucket bucket = new TokenBucket(Rate.of(2, 100), 0);
        long later = 60 * SECOND;
        assertTrue(bucket.tryTake(later));
        assertTrue(bucket.tryTake(later));
        assertFalse(bucket.tryTake(later));
    }

    @Test
    void entriesIntoRoomsAndLoginsHaveTheirOwnStricterBucket() {
        RateLimiter limiter = new RateLimiter(new TokenBucket(Rate.of(100, 100), 0), new TokenBucket(Rate.of(2, 1), 0), new TokenBucket(Rate.of(10, 1), 0));
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new CreateOrJoin("r", null), 0));
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new Login("a", null, null, null, null), 0));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new CreateOrJoin("r", null), 0));
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new Leave(null), 0)); // other messages still pass
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new CreateOrJoin("r", null), SECOND));
    }

    @Test
    void tokenRenewalsDrawOnTheStricterBucketToo() {
        RateLimiter limiter = new RateLimiter(new TokenBucket(Rate.of(100, 100), 0), new TokenBucket(Rate.of(1, 1), 0), new TokenBucket(Rate.of(10, 1), 0));
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new Auth("t", null, null, null, null), 0));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Auth("t", null, null, null, null), 0));
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new Leave(null), 0));
    }

    @Test
    void sendingOnAfterManyRefusalsInARowIsAbusive() {
        RateLimiter limiter = new RateLimiter(new TokenBucket(Rate.of(1, 1), 0), new TokenBucket(Rate.of(1, 1), 0), new TokenBucket(Rate.of(3, 1), 0));
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new Leave(null), 0));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), 0));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), 0));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), 0));
        assertEquals(RateLimiter.Verdict.ABUSIVE, limiter.check(new Leave(null), 0));
    }

    @Test
    void aFloodIsAbusiveThoughTheRefillLetsSomeOfItThrough() {
        // 100 messages a second allowed; a flood of 1,000 a second gets one in ten through, never 50 refusals in a row
        RateLimiter limiter = new RateLimiter(new TokenBucket(Rate.of(1, 100), 0), new TokenBucket(Rate.of(1, 1), 0), new TokenBucket(Rate.of(50, 1), 0));
        int allowed = 0;
        RateLimiter.Verdict verdict = RateLimiter.Verdict.ALLOWED;
        for (long now = 0; verdict != RateLimiter.Verdict.ABUSIVE; now += SECOND / 1_000) {
            verdict = limiter.check(new Leave(null), now);
            allowed += verdict == RateLimiter.Verdict.ALLOWED ? 1 : 0;
            assertTrue(now < SECOND, "a flood of ten times the rate was never found abusive");
        }
        assertTrue(allowed > 1, "the refill let none of the flood through, so this tests nothing new");
    }

    @Test
    void refusalsAreForgivenOneASecond() {
        RateLimiter limiter = new RateLimiter(new TokenBucket(Rate.of(1, 1), 0), new TokenBucket(Rate.of(1, 1), 0), new TokenBucket(Rate.of(2, 1), 0));
        limiter.check(new Leave(null), 0);
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), 0));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), 0));
        // an allowed message forgives nothing; the second after it forgives one refusal
        assertEquals(RateLimiter.Verdict.ALLOWED, limiter.check(new Leave(null), SECOND));
        assertEquals(RateLimiter.Verdict.LIMITED, limiter.check(new Leave(null), SECOND));
        assertEquals(RateLimiter.Verdict.ABUSIVE, limiter.check(new Leave(null), SECOND));
    }
}
