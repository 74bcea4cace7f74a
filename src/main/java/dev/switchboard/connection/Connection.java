package dev.switchboard.connection;

import dev.switchboard.admission.RateLimiter;

/**
 * What the server keeps of one open connection: its outbox, its rate limiter, and the times the heartbeat
 * needs — when the peer was last heard from, and since when it has been idle (in no room, not logged in) —
 * and the client address it is counted under for the per-address limit.
 */
public final class Connection {

    private final Outbox outbox;
    private final RateLimiter limiter;
    private final String countedAddress;
    private volatile long lastHeardNanos;
    private volatile long idleSinceNanos;

    Connection(Outbox outbox, RateLimiter limiter, long nowNanos, String countedAddress) {
        this.outbox = outbox;
        this.limiter = limiter;
        this.countedAddress = countedAddress;
        this.lastHeardNanos = nowNanos;
        this.idleSinceNanos = nowNanos;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The address this connection holds a place under, or null if it holds none. */
    String countedAddress() {
        return countedAddress;
    }

    /** Only the connection's own message handler calls this (one message at a time). */
    public RateLimiter limiter() {
        return limiter;
    }

    /** Anything from the peer (a message, a pong) shows it is alive. */
    public void heard(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    public long silentNanos(long nowNanos) {
        return nowNanos - lastHeardNanos;
    }

    /** The peer is in a room or logged in: not idle. */
    public void engaged(long nowNanos) {
        idleSinceNanos = nowNanos;
    }

    public long idleNanos(long nowNanos) {
        return nowNanos - idleSinceNanos;
    }
}
