package dev.switchboard.connection;

import java.net.SocketTimeoutException;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The one writer of a connection. Any thread may queue a frame, a ping or a close, holding whatever locks
 * it holds: queueing never blocks and never touches the connection. Only tasks on the write executor call
 * the transport's {@code send}, one frame at a time, in queue order, with at most one task per outbox queued
 * or running. Pings and closes, which can block their thread, run on an executor of their own, so that they
 * never hold up other connections' writes: Open Liberty 26.0.0.3 writes a ping synchronously without a
 * timeout, so a client that stopped reading can hold it indefinitely, and it writes a close frame
 * synchronously too, for up to about 20 s. A ping takes its place in the queue like a frame.
 *
 * <p>A receiver that stops reading only fills its own queue; past its bound (in frames or in bytes) the
 * outbox closes the connection ({@link CloseCodes#SLOW_CONSUMER}), as it does when a write times out, and
 * reports it with {@code onFailure}: bounded memory, and a stuck receiver never stalls its room. A write
 * that fails otherwise (a reset, or a connection the client is closing) means the connection is lost, not
 * slow: the outbox stops writing and reports it the same way, and leaves the close to the container, which
 * is closing that connection already; only if the container has not closed it after a grace (the late-close
 * executor) does the outbox close it ({@link CloseCodes#writeFailed()}). Closing it at once raced the
 * container's own close: Open Liberty 26.0.0.3 writes the server's close frame synchronously, and a write
 * that meets the connection being torn down is never completed, so the closing thread waited for good
 * (docs/threading.md). Its peer is not kept for a resume: a failed write cannot tell a drop from a client
 * that is saying goodbye (holding instead kept a closing client for the whole window in WriteFailureIT).
 *
 * <p>When a connection drops and its peer is kept for resuming, the outbox is <em>held</em>: it writes
 * nothing, and goes on queueing what is sent to the peer, within the same bounds (past them it gives up and
 * keeps nothing, as for a slow consumer). When the peer resumes on a new connection, {@link #handOver} moves
 * what it holds, in order, to the new connection's outbox, and forwards there whatever is sent to it later;
 * it does so from an open outbox too (the peer resumed while its old connection was still open), which it
 * then closes.
 */
public final class Outbox {

    /** The connection underneath: an asynchronous, one-at-a-time message sink. */
    public interface Transport {
        /** Starts writing {@code frame}; calls {@code done} exactly once, with null on success. */
        void send(String frame, Consumer<Throwable> done);

        /** Writes a WebSocket ping; calls {@code done} exactly once, with null on success. */
        void ping(Consumer<Throwable> done);

        void close(Close close);
    }

    /** How much may wait for a receiver: at most {@code frames} frames of at most {@code bytes} UTF-8 bytes in all. */
    public record Bounds(int frames, long bytes) {
        public Bounds {
            if (frames < 1 || bytes < 1) {
                throw new IllegalArgumentException("outbox bounds must be positive");
            }
        }
    }

    /** Frames one task writes in a row before it lets the write executor serve other connections. */
    static final int BATCH = 64;
    private static final Object PING = new Object();

    private enum State { OPEN, FLUSHING, HELD, FORWARDING, CLOSED }

    private final Transport transport;
    private final Bounds bounds;
    private final Executor writes;
    private final Executor pingsAndCloses;
    private final Executor lateCloses;
    private final Runnable onFailure;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private final Object lock = new Object();
    /** Frames, and at most one {@link #PING}, in the order they are to be written. */
    private final Queue<Object> queue = new ArrayDeque<>();
    private boolean pingQueued;
    private long queuedBytes;
    private int peakFrames;     // the most frames ever waiting at once, for operators and tests
    private boolean scheduled;  // a write task is queued or running
    private boolean inFlight;   // a frame is with the transport and has not completed
    private State state = State.OPEN;
    private Close closeWhenFlushed;
    private Outbox forward; // once FORWARDING: the outbox of the connection the peer resumed on

    /**
     * @param lateCloses runs the close of a connection a write found broken, once the container has had time
     *                   to close it itself; on a thread that may block, like {@code pingsAndCloses}
     * @param onFailure  runs once if the outbox ends the connection itself (overflow, failed write); on the
     *                   thread that found out, which may hold locks: it must only hand the news on
     */
    public Outbox(Transport transport, Bounds bounds, Executor writes, Executor pingsAndCloses, Executor lateCloses,
                  Runnable onFailure) {
        this.transport = transport;
        this.bounds = bounds;
        this.writes = writes;
        this.pingsAndCloses = pingsAndCloses;
        this.lateCloses = lateCloses;
        this.onFailure = onFailure;
    }

    /** Queues {@code frame} for writing (or, held, for a resume); dropped if the outbox is closing or closed. */
    public void send(Frame frame) {
        send(frame, true);
    }

    /** @param bounded false for frames handed over from a held outbox: they were within its bounds already */
    private void send(Frame frame, boolean bounded) {
        String overflow;
        boolean schedule = false;
        Outbox next;
        synchronized (lock) {
            next = forward;
            if (next == null && state != State.OPEN && state != State.HELD) {
                return;
            }
            overflow = next == null && bounded ? overflow(frame) : null;
            if (next == null && overflow == null) {
                queue.add(frame);
                queuedBytes += frame.bytes();
                peakFrames = Math.max(peakFrames, queue.size());
                schedule = state == State.OPEN && claimWriter();
            }
            if (overflow != null) {
                stop();
            }
        }
        if (next != null) {
            next.send(frame); // after what was handed over: the peer resumed on the connection of next
        } else if (overflow != null) {
            fail(CloseCodes.slowConsumer(overflow));
        } else if (schedule) {
            startWriting();
        }
    }

    /** Under the lock: why {@code frame} does not fit, or null when it does. */
    private String overflow(Frame frame) {
        if (queue.size() >= bounds.frames()) {
            return "outbound queue over " + bounds.frames() + " messages";
        }
        if (queuedBytes + frame.bytes() > bounds.bytes()) {
            return "outbound queue over " + bounds.bytes() + " bytes";
        }
        return null;
    }

    /**
     * The connection dropped and its peer may resume: writes stop, what is queued stays, and what is sent
     * from now on is queued too, within the bounds. {@code close}, unless null, still closes the connection
     * (the heartbeat's timeout: the client may still be there). Returns whether the outbox was open to hold.
     */
    public boolean hold(Close close) {
        synchronized (lock) {
            if (state != State.OPEN) {
                return false;
            }
            state = State.HELD;
            queue.remove(PING);
            pingQueued = false;
        }
        if (close != null) {
            try {
                pingsAndCloses.execute(() -> transport.close(close));
            } catch (RejectedExecutionException e) {
                // the application is stopping: its connections go with it
            }
        }
        return true;
    }

    /** Whether the outbox holds frames for a resume: held, and not given up for overflowing. */
    public boolean isHeld() {
        synchronized (lock) {
            return state == State.HELD;
        }
    }

    /** How a {@link #handOver} went: refused (closing or closed), or from a held outbox, or from an open one. */
    public enum HandOver { REFUSED, FROM_HELD, FROM_OPEN }

    /**
     * The peer resumed on the connection of {@code next}: {@code first} goes there, then what this outbox
     * held or had queued, in order, and then everything sent to this outbox from now on. An outbox still
     * open is closed with {@code closeIfOpen}, in the same step, so that nothing (a close the client began)
     * can come between its last frame and the hand-over. Refused, handing over nothing, unless open or
     * held: a held outbox that overflowed meanwhile has nothing faithful to hand over.
     */
    public HandOver handOver(Outbox next, Frame first, Close closeIfOpen) {
        boolean wasOpen;
        synchronized (lock) {
            if (state != State.HELD && state != State.OPEN) {
                return HandOver.REFUSED;
            }
            wasOpen = state == State.OPEN;
            queue.remove(PING);
            pingQueued = false;
            // Under this lock, so that nothing sent meanwhile overtakes what was queued; next never locks this one.
            next.send(first, false);
            for (Object queued = queue.poll(); queued != null; queued = queue.poll()) {
                next.send((Frame) queued, false); // a resumed peer gets all it was held, however full the queue is
            }
            queuedBytes = 0;
            forward = next;
            state = State.FORWARDING;
        }
        if (wasOpen) {
            startClosing(closeIfOpen);
            return HandOver.FROM_OPEN;
        }
        finished.complete(null);
        return HandOver.FROM_HELD;
    }

    /**
     * Queues a WebSocket ping behind the frames already queued: pings share the one writer. A ping still
     * waiting is not doubled, so a receiver that stopped reading does not collect pings.
     */
    public void ping() {
        boolean schedule;
        synchronized (lock) {
            if (state != State.OPEN || pingQueued) {
                return;
            }
            pingQueued = true;
            queue.add(PING);
            schedule = claimWriter();
        }
        if (schedule) {
            startWriting();
        }
    }

    /**
     * Writes what is already queued, then closes the connection with {@code close}. Returns whether this
     * call began the close: false when the outbox was closing or closed already.
     */
    public boolean closeWhenFlushed(Close close) {
        boolean schedule;
        synchronized (lock) {
            if (state != State.OPEN) {
                return false;
            }
            state = State.FLUSHING;
            closeWhenFlushed = close;
            schedule = claimWriter();
        }
        if (schedule) {
            startWriting();
        }
        return true;
    }

    /**
     * Drops what is queued and closes the connection with {@code close}, also when it is waiting to close
     * after a flush (a flush that does not finish). Returns whether this call began the close: false when the
     * outbox was closing or closed already.
     */
    public boolean closeNow(Close close) {
        boolean began;
        boolean connected;
        synchronized (lock) {
            if (state == State.CLOSED || state == State.FORWARDING) {
                return false;
            }
            began = state == State.OPEN;
            connected = state != State.HELD; // a held outbox's connection is gone: nothing to close
            stop();
        }
        if (connected) {
            startClosing(close);
        } else {
            finished.complete(null);
        }
        return began;
    }

    /** Stops writing: the connection is gone. What is queued is dropped. */
    public void discard() {
        synchronized (lock) {
            stop();
        }
        finished.complete(null);
    }

    /**
     * Completes once the outbox writes nothing more: its close has returned, or it was discarded, or a write
     * found the connection lost (the container closes it).
     */
    public CompletionStage<Void> finished() {
        return finished;
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

    /** Under the lock: whether the caller must start a write task (none is queued or running, none in flight). */
    private boolean claimWriter() {
        if (scheduled || inFlight) {
            return false;
        }
        scheduled = true;
        return true;
    }

    /** Under the lock: nothing more is written, and nothing queued is kept. */
    private void stop() {
        state = State.CLOSED;
        queue.clear();
        queuedBytes = 0;
        pingQueued = false;
    }

    private void startWriting() {
        try {
            writes.execute(this::write);
        } catch (RejectedExecutionException e) { // the application is stopping: its connections go with it
            discard();
        }
    }

    private void startClosing(Close close) {
        try {
            pingsAndCloses.execute(() -> {
                try {
                    transport.close(close);
                } finally {
                    finished.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            finished.complete(null);
        }
    }

    private void startPing() {
        try {
            pingsAndCloses.execute(() -> transport.ping(this::completed));
        } catch (RejectedExecutionException e) {
            completed(e);
        }
    }

    private void fail(Close close) {
        startClosing(close);
        onFailure.run();
    }

    /**
     * A write failed other than by timing out: the container is closing the connection, so the outbox is
     * finished now (a drain need not wait for it), and the late close only tidies up after a container that
     * did not close it.
     */
    private void failLost() {
        try {
            lateCloses.execute(() -> transport.close(CloseCodes.writeFailed()));
        } catch (RejectedExecutionException e) {
            // the application is stopping: its connections go with it
        }
        finished.complete(null);
        onFailure.run();
    }

    /** A write that failed for want of time: the receiver is there, but does not read. */
    static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || cause instanceof InterruptedByTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The write task: hands the transport what is queued, one frame at a time, until it must wait. */
    private void write() {
        for (int written = 0; ; written++) {
            Object next;
            Close finish = null;
            synchronized (lock) {
                if (state == State.CLOSED || state == State.HELD || state == State.FORWARDING || inFlight) {
                    scheduled = false;
                    return;
                }
                if (written == BATCH && !queue.isEmpty()) {
                    break; // still scheduled: continued by a new task, behind the other connections' tasks
                }
                next = queue.poll();
                if (next == null) {
                    scheduled = false;
                    if (state != State.FLUSHING) {
                        return;
                    }
                    state = State.CLOSED;
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
                startClosing(finish);
                return;
            }
            if (next == PING) {
                startPing();
            } else {
                transport.send(((Frame) next).text(), this::completed);
            }
        }
        startWriting();
    }

    /** The transport finished a write: on the write task's own thread (inline), or later on one of its own. */
    private void completed(Throwable failure) {
        boolean schedule = false;
        synchronized (lock) {
            inFlight = false;
            if (state == State.HELD || state == State.FORWARDING) {
                return; // the connection is gone; what was written before it dropped is not written again
            }
            if (failure != null) {
                if (state == State.CLOSED) {
                    return; // closed meanwhile, with its own reason: the write failed because of that
                }
                stop();
            } else if (scheduled || (queue.isEmpty() && state != State.FLUSHING)) {
                return; // a write task carries on, or there is nothing to do
            } else {
                scheduled = true;
                schedule = true;
            }
        }
        if (failure != null) {
            if (timedOut(failure)) {
                fail(CloseCodes.slowConsumer("write timed out"));
            } else {
                failLost();
            }
        } else if (schedule) {
            startWriting(); // never continued on the transport's thread: it may be running another connection
        }
    }
}
