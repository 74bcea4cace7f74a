package dev.switchboard.connection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A connection underneath an outbox that records what is written and checks the threading rule at every
 * call. Completes writes inline, on a thread of its own (as a container's I/O thread would), or only when
 * the test says.
 */
public final class FakeTransport implements Outbox.Transport {

    public enum Completion { INLINE, ASYNC, MANUAL }

    private final Completion completion;
    private final Executor containerThread;
    private final ConnectionThreadRule rule;
    /** Frames written, and "PING" for each ping. */
    final List<String> written = Collections.synchronizedList(new ArrayList<>());
    public final List<Close> closes = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Consumer<Throwable>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    volatile CountDownLatch writes = new CountDownLatch(0);

    public FakeTransport(Completion completion, Executor containerThread, ConnectionThreadRule rule) {
        this.completion = completion;
        this.containerThread = containerThread;
        this.rule = rule;
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        rule.check("send");
        write(frame, done);
    }

    @Override
    public void ping(Consumer<Throwable> done) {
        rule.check("ping");
        write("PING", done);
    }

    private void write(String text, Consumer<Throwable> done) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        written.add(text);
        writes.countDown();
        Consumer<Throwable> complete = failure -> {
            inFlight.decrementAndGet();
            done.accept(failure);
        };
        switch (completion) {
            case INLINE -> complete.accept(null);
            case ASYNC -> containerThread.execute(() -> complete.accept(null));
            case MANUAL -> pending.add(complete);
        }
    }

    @Override
    public void close(Close close) {
        rule.check("close");
        closes.add(close);
    }

    /** The one close, or null; fails on more than one. */
    public Close closed() {
        synchronized (closes) {
            if (closes.size() > 1) {
                throw new AssertionError("closed more than once: " + closes);
            }
            return closes.isEmpty() ? null : closes.get(0);
        }
    }

    /** Completes the oldest write in flight (MANUAL), on the test's thread as a container thread would. */
    public void completeOne(Throwable failure) {
        pending.remove().accept(failure);
    }

    /** How this transport completes writes. */
    public Completion completion() {
        return completion;
    }

    public List<String> writtenSoFar() {
        synchronized (written) {
            return List.copyOf(written);
        }
    }
}
