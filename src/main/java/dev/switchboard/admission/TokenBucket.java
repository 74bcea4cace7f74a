package dev.switchboard.admission;

/**
 * A token bucket: holds up to its {@link Rate}'s capacity of tokens, refilled at its rate; each message takes
 * one. A dozen lines of our own rather than a rate-limiting library: one bucket per connection, touched
 * by that connection's message handler only (the container calls it one message at a time), or per
 * address inside a map's atomic compute, needs no locks, no clocks of its own and no new dependency in the WAR.
 */
final class TokenBucket {

    private final Rate rate;
    private double tokens;
    private long lastNanos;

    TokenBucket(Rate rate, long nowNanos) {
        this.rate = rate;
        this.tokens = rate.capacity();
        this.lastNanos = nowNanos;
    }

    /** Whether the bucket would be full at {@code nowNanos}: it is as good as a new one. */
    boolean isFull(long nowNanos) {
        return tokens + (nowNanos - lastNanos) * rate.perNano() >= rate.capacity();
    }

    /** Takes a token if there is one. */
    boolean tryTake(long nowNanos) {
        tokens = Math.min(rate.capacity(), tokens + (nowNanos - lastNanos) * rate.perNano());
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
