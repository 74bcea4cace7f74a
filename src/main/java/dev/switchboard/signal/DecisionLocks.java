package dev.switchboard.signal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs the decisions about rooms and presence under their locks, and keeps the rule that goes with them:
 * no socket write while a thread holds one. A decision queues its messages in the receivers' outboxes under
 * the lock, so each receiver hears events in the order they were decided; the outboxes' writes run on the
 * same thread once it has left its outermost decision ({@link #execute}).
 *
 * <p>Why: a runtime's write can wait on that connection's own locks. Payara Micro 6 writes on the caller's
 * thread and, when the write fails, reports it under the connection's reader monitor, which the runtime
 * holds while its {@code @OnMessage} runs; that {@code @OnMessage} may be waiting for the very decision
 * lock the writer holds. Writing after the decision, no thread ever waits for a connection while holding a
 * lock another connection's handler needs.
 */
@ApplicationScoped // one for the application: the services and every outbox must share it
public class DecisionLocks implements Executor {

    private final ThreadLocal<Decisions> ofThread = ThreadLocal.withInitial(Decisions::new);

    /** Runs {@code decision} holding {@code lock}; the writes it causes run after the outermost decision. */
    public void run(Object lock, Runnable decision) {
        call(lock, () -> {
            decision.run();
            return null;
        });
    }

    /** As {@link #run}, returning what {@code decision} returns. */
    public <T> T call(Object lock, Supplier<T> decision) {
        Decisions decisions = ofThread.get();
        try {
            synchronized (lock) {
                decisions.depth++;
                try {
                    return decision.get();
                } finally {
                    decisions.depth--;
                }
            }
        } finally {
            if (decisions.depth == 0) {
                decisions.writeHeldBack();
            }
        }
    }

    /** Runs {@code write} now, or, on a thread in a decision, once that thread has left its outermost one. */
    @Override
    public void execute(Runnable write) {
        Decisions decisions = ofThread.get();
        if (decisions.depth == 0) {
            write.run();
        } else {
            decisions.heldBack.add(write);
        }
    }

    /** One thread's nesting of decisions and the writes they hold back, in the order they were asked for. */
    private static final class Decisions {
        int depth;
        final ArrayDeque<Runnable> heldBack = new ArrayDeque<>();

        void writeHeldBack() {
            for (Runnable write = heldBack.poll(); write != null; write = heldBack.poll()) {
                write.run();
            }
        }
    }
}
