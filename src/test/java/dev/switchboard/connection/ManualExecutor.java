package dev.switchboard.connection;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** Holds the tasks given to it until the test runs them, on the test's thread, as connection threads. */
public final class ManualExecutor implements Executor {

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs the tasks waiting, and those they add, until none is left; returns how many ran. */
    public int runAll() {
        int ran = 0;
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            ConnectionThreadRule.runOnPath(task);
            ran++;
        }
        return ran;
    }

    int waiting() {
        return tasks.size();
    }
}
