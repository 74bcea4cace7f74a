package dev.switchboard.signal;

import dev.switchboard.protocol.ServerMessage;
import jakarta.websocket.CloseReason;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * The one writer of a connection. Any thread may {@link #send}; the outbox hands the transport one
 * message at a time, in the order they were sent, and never blocks the caller: a receiver that stops
 * reading only fills its own queue, and when that passes its bound the connection is closed
 * ({@link CloseCodes#SLOW_CONSUMER}) rather than letting it hold memory or stall its room.
 *
 * <p>The transport may complete a write on the calling thread or later on another; the drain loop copes
 * with both without recursion.
 */
public final class Outbox {

    /** The connection underneath: an asynchronous, one-at-a-time message sink. */
    public interface Transport {
        /** Starts writing {@code message}; calls {@code done} exactly once, with null on success. */
        void send(ServerMessage message, Consumer<Throwable> done);

        /** Writes a WebSocket ping; calls {@code done} exactly once, with null on success. */
        void ping(Consumer<Throwable> done);

        void close(CloseReason reason);
    }

    private final Transport transport;
    private final int maxQueued;

    private final Object lock = new Object();
    /** Messages, and at most one {@link #PING}, in the order they are to be written. */
    private final Queue<Object> queue = new ArrayDeque<>();
    private static final Object PING = new Object();
    private boolean pingQueued;
    private boolean inFlight;   // a message is with the transport and has not completed
    private boolean draining;   // a thread is in drain()
    private boolean closed;     // nothing more is written
    private CloseReason closeWhenFlushed;

    public Outbox(Transport transport, int maxQueued) {
        this.transport = transport;
        this.maxQueued = maxQueued;
    }

    /** Queues {@code message} for writing; dropped if the outbox is closed or closing. */
    public void send(ServerMessage message) {
        boolean overflow = false;
        synchronized (lock) {
            if (closed || closeWhenFlushed != null) {
                return;
            }
            if (queue.size() < maxQueued) {
                queue.add(message);
                if (draining || inFlight) {
                    return;
                }
                draining = true;
            } else {
                closed = true;
                queue.clear();
                overflow = true;
            }
        }
        if (overflow) {
            transport.close(CloseCodes.slowConsumer("outbound queue over " + maxQueued + " messages"));
        } else {
            drain();
        }
    }

    /**
     * Queues a WebSocket ping behind the messages already queued: pings share the one writer. A ping
     * still waiting is not doubled, so a receiver that stopped reading does not collect pings.
     */
    public void ping() {
        synchronized (lock) {
            if (closed || closeWhenFlushed != null || pingQueued) {
                return;
            }
            pingQueued = true;
            queue.add(PING);
            if (draining || inFlight) {
                return;
            }
            draining = true;
        }
        drain();
    }

    /** Writes what is already queued, then closes the connection with {@code reason}. */
    public void closeWhenFlushed(CloseReason reason) {
        synchronized (lock) {
            if (closed || closeWhenFlushed != null) {
                return;
            }
            closeWhenFlushed = reason;
            if (draining || inFlight) {
                return;
            }
            draining = true;
        }
        drain();
    }

    /** Drops what is queued and closes the connection now, with {@code reason}. */
    public void closeNow(CloseReason reason) {
        discard();
        transport.close(reason);
    }

    /** Stops writing: the connection is gone. Queued messages are discarded. */
    public void discard() {
        synchronized (lock) {
            closed = true;
            queue.clear();
        }
    }

    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private void drain() {
        while (true) {
            Object next;
            CloseReason finish = null;
            synchronized (lock) {
                if (closed || inFlight) {
                    draining = false;
                    return;
                }
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    if (closeWhenFlushed == null) {
                        return;
                    }
                    closed = true;
                    finish = closeWhenFlushed;
                } else {
                    inFlight = true;
                    if (next == PING) {
                        pingQueued = false;
                    }
                }
            }
            if (finish != null) {
                transport.close(finish);
                return;
            }
            if (next == PING) {
                transport.ping(this::completed);
            } else {
                transport.send((ServerMessage) next, this::completed);
            }
        }
    }

    private void completed(Throwable failure) {
        synchronized (lock) {
            inFlight = false;
            if (failure != null) {
                closed = true;
                queue.clear();
            } else if (draining) { // completed inline: the drain loop on this stack continues
                return;
            } else {
                draining = true;
            }
        }
        if (failure != null) {
            transport.close(CloseCodes.slowConsumer("write failed or timed out"));
            return;
        }
        drain();
    }
}
