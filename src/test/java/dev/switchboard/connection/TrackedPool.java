package dev.switchboard.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread pool that counts the tasks not yet finished, in a count it may share with other pools: a task that
 * hands work to another pool counts it there before its own count drops, so a shared count of zero means
 * quiet everywhere.
 */
public final class TrackedPool implements Executor, AutoCloseable {

    private final ExecutorService pool;
    private final boolean connectionThreads;
    private final AtomicInteger unfinished;

    /** @param connectionThreads whether its threads are connection threads, allowed to call the transport */
    public TrackedPool(int threads, boolean connectionThreads, AtomicInteger unfinished) {
        this.pool = Executors.newFixedThreadPool(threads);
        this.connectionThreads = connectionThreads;
        this.unfinished = unfinished;
    }

    @Override
    public void execute(Runnable task) {
        unfinished.incrementAndGet();
        pool.execute(() -> {
            try {
                if (connectionThreads) {
                    ConnectionThreadRule.runOnPath(task);
                } else {
                    task.run();
                }
            } finally {
                unfinished.decrementAndGet();
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new AssertionError("a task did not stop");
        }
    }
}
