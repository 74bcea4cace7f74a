package dev.switchboard.connection;

import dev.switchboard.protocol.FrameSize;
import jakarta.websocket.CloseReason;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * The one writer of a connection. Any thread may {@link #send}; the outbox hands the transport one
 * frame at a time, in the order they were sent, and never blocks the caller: a receiver that stops
 * reading only fills its own queue, and when that passes its bound (in frames or in bytes) the connection
 * is closed ({@link CloseCodes#SLOW_CONSUMER}) rather than letting it hold memory or stall its room.
 * Frames arrive encoded, so the bound counts what is really held.
 *
 * <p>The transport may complete a write on the calling thread or later on another; the drain loop copes
 * with both without recursion.
 */
public final class Outbox {

    /** The connection underneath: an asynchronous, one-at-a-time message sink. */
    public interface Transport {
        /** Starts writing the text frame {@code frame}; calls {@code done} exactly once, with null on success. */
        void send(String frame, Consumer<Throwable> done);

        /** Writes a WebSocket ping; calls {@code done} exactly once, with null on success. */
        void ping(Consumer<Throwable> done);

        void close(CloseReason reason);
    }

    /** How much may wait for a receiver: at most {@code frames} frames of at most {@code bytes} UTF-8 bytes in all. */
    public record Bounds(int frames, long bytes) {
        public Bounds {
            if (frames < 1 || bytes < 1) {
                throw new IllegalArgumentException("outbox bounds must be positive");
            }
        }
    }

    private final Transport transport;
    private final Bounds bounds;

    private final Object lock = new Object();
    /** Messages, and at most one {@link #PING}, in the order they are to be written. */
    private final Queue<Object> queue = new ArrayDeque<>();
    private static final Object PING = new Object();
    private boolean pingQueued;
    private long queuedBytes;
    private int peakFrames;     // the most frames ever waiting at once, for operators and tests
    private boolean inFlight;   // a message is with the transport and has not completed
    private boolean draining;   // a thread is in drain()
    private boolean closed;     // nothing more is written
    private CloseReason closeWhenFlushed;

    public Outbox(Transport transport, Bounds bounds) {
        this.transport = transport;
        this.bounds = bounds;
    }

    /** Queues the text frame {@code frame} for writing; dropped if the outbox is closed or closing. */
    public void send(String frame) {
        long bytes = FrameSize.utf8Length(frame);
        String overflow = null;
        synchronized (lock) {
            if (closed || closeWhenFlushed != null) {
                return;
            }
            if (queue.size() >= bounds.frames()) {
                overflow = "outbound queue over " + bounds.frames() + " messages";
            } else if (queuedBytes + bytes > bounds.bytes()) {
                overflow = "outbound queue over " + bounds.bytes() + " bytes";
            } else {
                queue.add(new Frame(frame, bytes));
                queuedBytes += bytes;
                peakFrames = Math.max(peakFrames, queue.size());
                if (draining || inFlight) {
                    return;
                }
                draining = true;
            }
            if (overflow != null) {
                stop();
            }
        }
        if (overflow != null) {
            transport.close(CloseCodes.slowConsumer(overflow));
        } else {
            drain();
        }
    }

    private record Frame(String text, long bytes) {
    }

    /** Under the lock: nothing more is written, and nothing queued is kept. */
    private void stop() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
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

    /**
     * Writes what is already queued, then closes the connection with {@code reason}. Returns whether this
     * call began the close: false when the outbox was closed or closing already.
     */
    public boolean closeWhenFlushed(CloseReason reason) {
        synchronized (lock) {
            if (closed || closeWhenFlushed != null) {
                return false;
            }
            closeWhenFlushed = reason;
            if (draining || inFlight) {
                return true;
            }
            draining = true;
        }
        drain();
        return true;
    }

    /**
     * Drops what is queued and closes the connection now, with {@code reason}. Returns whether this call
     * began the close: false when the outbox was closed or closing already.
     */
    public boolean closeNow(CloseReason reason) {
        boolean began;
        synchronized (lock) {
            began = !closed && closeWhenFlushed == null;
            stop();
        }
        transport.close(reason);
        return began;
    }

    /** Stops writing: the connection is gone. Queued messages are discarded. */
    public void discard() {
        synchronized (lock) {
            stop();
        }
    }

    /** Frames (and a ping) waiting to be written. */
    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** UTF-8 bytes of the frames waiting to be written. */
    public long queuedBytes() {
        synchronized (lock) {
            return queuedBytes;
        }
    }

    /** The most frames that ever waited at once. */
    public int peakQueued() {
        synchronized (lock) {
            return peakFrames;
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
                    } else {
                        queuedBytes -= ((Frame) next).bytes();
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
                transport.send(((Frame) next).text(), this::completed);
            }
        }
    }

    private void completed(Throwable failure) {
        synchronized (lock) {
            inFlight = false;
            if (failure != null) {
                if (closed) {
                    // Stopped meanwhile, and so closed with its own reason: the write failed because of that.
                    return;
                }
                stop();
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
