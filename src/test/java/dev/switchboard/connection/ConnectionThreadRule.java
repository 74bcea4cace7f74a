package dev.switchboard.connection;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The threading rule, checked where it matters: at each call into a connection. Only a thread running a
 * task of the connection threads may make one, and it must hold no lock at all (no monitor, no
 * {@code java.util.concurrent} lock): a decision lock held across a write or a close is how the Payara
 * deadlocks happened. Violations are recorded, not thrown, because they happen on pool threads.
 */
public final class ConnectionThreadRule {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<Boolean> ON_PATH = ThreadLocal.withInitial(() -> false);

    /**
     * Asking the JVM for the locks a thread holds walks its stack (milliseconds): every call is
     * checked at first, then every {@value #LOCK_SAMPLE}th, so tests of a hundred thousand writes stay fast.
     */
    private static final int CHECK_ALL_FIRST = 200;
    private static final int LOCK_SAMPLE = 500;

    private final List<String> violations = new CopyOnWriteArrayList<>();
    private static final String POOL_WORKER = "java.util.concurrent.ThreadPoolExecutor$Worker";

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong more = new AtomicLong();

    /** Runs {@code task} as the connection threads do: marked as being on the write path. */
    public static void runOnPath(Runnable task) {
        boolean outer = ON_PATH.get();
        ON_PATH.set(true);
        try {
            task.run();
        } finally {
            ON_PATH.set(outer);
        }
    }

    /** Records a violation if the current thread may not call into a connection now. */
    public void check(String what) {
        Thread current = Thread.currentThread();
        if (!ON_PATH.get()) {
            violation(what + " on " + current.getName() + ", not a connection thread");
        }
        long call = calls.incrementAndGet();
        if (call > CHECK_ALL_FIRST && call % LOCK_SAMPLE != 0) {
            return;
        }
        ThreadInfo info = THREADS.getThreadInfo(new long[] {current.getId()}, true, true)[0];
        List<String> held = Stream.concat(Arrays.stream(info.getLockedMonitors()), Arrays.stream(info.getLockedSynchronizers()))
                .map(LockInfo::getClassName)
                .filter(lock -> !lock.equals(POOL_WORKER)) // a pool thread's own lock on the task it runs
                .toList();
        if (!held.isEmpty()) {
            violation(what + " on " + current.getName() + " holding " + held);
        }
    }

    /** Keeps the first violations, and counts the rest, so that a failure stays readable. */
    private void violation(String description) {
        if (violations.size() < 10) {
            violations.add(description);
        } else {
            more.incrementAndGet();
        }
    }

    /** What broke the rule; empty if nothing did. */
    public List<String> violations() {
        List<String> all = new ArrayList<>(violations);
        if (more.get() > 0) {
            all.add("and " + more.get() + " more");
        }
        return all;
    }
}
