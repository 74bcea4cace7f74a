package dev.switchboard.admission;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled at {@code perSecond}; each message takes
 * one. A dozen lines of our own rather than a rate-limiting library: one bucket per connection, touched
 * by that connection's message handler only (the container calls it one message at a time), or per
 * address inside a map's atomic compute, needs no locks, no clocks of its own and no new dependency in the WAR.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long lastNanos;

    TokenBucket(double capacity, double perSecond, long nowNanos) {
        this.capacity = capacity;
        this.perNano = perSecond / 1_000_000_000d;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Whether the bucket would be full at {@code nowNanos}: it is as good as a new one. */
    boolean isFull(long nowNanos) {
        return tokens + (nowNanos - lastNanos) * perNano >= capacity;
    }

    /** Takes a token if there is one. */
    boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
