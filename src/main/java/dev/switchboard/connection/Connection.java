package dev.switchboard.connection;

import dev.switchboard.access.Access;
import dev.switchboard.admission.RateLimiter;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One open connection: its peer, its {@link Outbox}, its rate limiter, and the times the heartbeat needs.
 *
 * <p>Its life ends once, however many things end it at once (the client's close, a cut-off, the heartbeat,
 * a full queue, a drain): the first {@link #closeNow}, {@link #closeAfterFlush}, {@link #timeOut} or
 * {@link #closed} ends it, and its {@link Ending} then runs once, on the clean-up executor. Messages are acted
 * on in {@link #act}, one at a time; the ending waits for the message being handled and no message is acted
 * on after it began, so a peer's clean-up never overlaps its own join or login and never leaves one behind.
 * Ending never waits for the close itself: that goes through the outbox.
 */
public final class Connection {

    /**
     * How a connection ended: closed (the client said goodbye, or the server closed it), lost (it dropped
     * without a goodbye), or silent (no answer to pings). A lost or silent peer may be kept for resuming.
     */
    public enum End { CLOSED, LOST, TIMED_OUT, REPLACED }

    /** What the server does once a connection has ended. */
    public interface Ending {
        /** Runs once per connection, after the last message it acted on, never beside one. */
        void ended(Connection connection, End end);
    }

    /** Set once more at most, before the connection is registered: when it resumes a peer ({@link #adopt}). */
    private volatile String peer;
    private final String address;
    private final Outbox outbox;
    private final RateLimiter limiter;
    private final Access access;
    private final Executor cleanUps;
    private final Ending ending;
    /** Held while a message is acted on and while the ending runs. */
    private final Object turn = new Object();
    private final AtomicReference<End> end = new AtomicReference<>();
    private volatile long lastHeardNanos;
    private volatile long idleSinceNanos;
    private volatile long iceServersIssuedNanos;
    private volatile boolean relay;

    /** @param address the client's address, or null where it is not known */
    public Connection(String peer, String address, Access access, Outbox.Transport transport, Outbox.Bounds bounds,
                      RateLimiter limiter, ConnectionThreads threads, Ending ending, long nowNanos) {
        this.peer = peer;
        this.address = address;
        this.access = access;
        this.limiter = limiter;
        this.cleanUps = threads.cleanUps();
        this.ending = ending;
        this.lastHeardNanos = nowNanos;
        this.idleSinceNanos = nowNanos;
        this.outbox = new Outbox(transport, bounds, threads.writes(), threads.pingsAndCloses(), threads.lateCloses(),
                () -> end(End.CLOSED));
    }

    public String peer() {
        return peer;
    }

    /** The connection resumes {@code resumed}'s session: it takes that peer id. Only while it is being admitted. */
    public void adopt(String resumed) {
        this.peer = resumed;
    }

    /** The client's address, as the handshake gave it; null where it is not known. */
    public String address() {
        return address;
    }

    /** Queues {@code frame} for the peer. */
    public void send(Frame frame) {
        outbox.send(frame);
    }

    public void ping() {
        outbox.ping();
    }

    /**
     * Runs {@code action} (the handling of one of the peer's messages) unless the connection has ended;
     * returns whether it ran. One at a time, and never beside the connection's {@link Ending}.
     */
    public boolean act(Runnable action) {
        synchronized (turn) {
            if (end.get() != null) {
                return false;
            }
            action.run();
            return true;
        }
    }

    /** Sends what is queued, then closes with {@code close}; returns whether this call began the close. */
    public boolean closeAfterFlush(Close close) {
        end(End.CLOSED);
        return outbox.closeWhenFlushed(close);
    }

    /** Drops what is queued and closes with {@code close}; returns whether this call began the close. */
    public boolean closeNow(Close close) {
        end(End.CLOSED);
        return outbox.closeNow(close);
    }

    /**
     * The peer answered no ping for too long: closed with 4004, what is queued for it held for a resume.
     * Returns whether this call began the close.
     */
    public boolean timeOut() {
        boolean held = outbox.hold(CloseCodes.heartbeatTimeout());
        end(End.TIMED_OUT);
        return held || outbox.closeNow(CloseCodes.heartbeatTimeout());
    }

    /** The container reports the connection closed with a goodbye (1000, 1001), or closed by the server: nothing more is written. */
    public void closed() {
        end(End.CLOSED);
        outbox.discard();
    }

    /**
     * The peer resumes on the connection whose outbox is {@code next}: {@code first} goes there, then what is
     * queued or held here, then whatever is sent here later. If this connection is still open, it is closed
     * (4006) and ends as replaced. Returns false, changing nothing, unless it was open or held (a goodbye, or a
     * held queue that overflowed, leaves nothing to resume).
     */
    public boolean handOver(Outbox next, Frame first) {
        Outbox.HandOver handOver = outbox.handOver(next, first, CloseCodes.replaced());
        if (handOver == Outbox.HandOver.FROM_OPEN) {
            end(End.REPLACED);
        }
        return handOver != Outbox.HandOver.REFUSED;
    }

    /** The container reports the connection dropped without a goodbye: what is queued for the peer is held for a resume. */
    public void lost() {
        if (!outbox.hold(null)) {
            outbox.discard(); // the server had closed it already: nothing to hold
        }
        end(End.LOST);
    }

    /** Whether the connection has ended: no message is acted on any more. */
    public boolean hasEnded() {
        return end.get() != null;
    }

    /** Completes once nothing more is written to the connection: its close has returned, or it is gone. */
    public CompletionStage<Void> finished() {
        return outbox.finished();
    }

    private void end(End how) {
        if (end.compareAndSet(null, how)) {
            cleanUps.execute(() -> {
                synchronized (turn) {
                    ending.ended(this, how);
                }
            });
        }
    }

    /**
     * The connection has become a relay: it carries a peer whose session another node of the cluster holds,
     * which watches its liveness (pings through it) and decides what it may do.
     */
    public void relay() {
        relay = true;
    }

    /** Whether the connection is a relay ({@link #relay}): its liveness is watched by another node. */
    public boolean isRelay() {
        return relay;
    }

    /** What the peer may do, by its access token. */
    public Access access() {
        return access;
    }

    /** Only inside {@link #act}: one message at a time. */
    public RateLimiter limiter() {
        return limiter;
    }

    public Outbox outbox() {
        return outbox;
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

    /** The peer was given ICE servers, whose TURN credentials age from {@code nowNanos}. */
    public void iceServersIssued(long nowNanos) {
        iceServersIssuedNanos = nowNanos;
    }

    public long iceServersAgeNanos(long nowNanos) {
        return nowNanos - iceServersIssuedNanos;
    }
}
