package dev.switchboard.connection;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads that touch connections, and the only ones that do: the rule is that no container call
 * (send, ping, close) runs on a thread that holds an application lock or handles a connection's message.
 * <ul>
 * <li>writes: one thread per processor ({@code switchboard.connections.write-threads}) running the outboxes'
 * write tasks; a write only hands a frame to the container, so they never wait for a client;</li>
 * <li>pings and closes: up to {@value #BLOCKING_THREADS} threads, apart, because either can block (Open
 * Liberty 26.0.0.3 writes a ping synchronously, without a timeout, so for as long as a client does not
 * read; and the close frame synchronously, for up to about 20 s, or for good when the connection is torn
 * down meanwhile); more wait their turn there, never holding up writes;</li>
 * <li>late closes: the closes of connections the container is closing itself (a write to them failed), run
 * on the ping-and-close threads {@value #LATE_CLOSE_SECONDS} s later, by one timer thread, only if the
 * container has not closed the connection by then;</li>
 * <li>clean-ups: the application's managed executor, for what follows a connection's end (its room and the
 * directory hear of it); they take decision locks, so they run on neither of the above.</li>
 * </ul>
 * Writes, pings and closes run on plain daemon threads of the application's class loader, not managed ones: the
 * drain flushes and closes connections while the application stops, when managed threads may be gone.
 */
@ApplicationScoped
public class ConnectionThreads {

    public static final int BLOCKING_THREADS = 64;
    /** How long the container is given to close a connection a write found broken before the server does. */
    static final int LATE_CLOSE_SECONDS = 10;

    @Resource
    ManagedExecutorService cleanUpExecutor;

    /** How many write threads; 0, the default, for one per processor the JVM may use. */
    @Inject
    @ConfigProperty(name = "switchboard.connections.write-threads", defaultValue = "0")
    int writeThreads;

    private Executor writes;
    private Executor pingsAndCloses;
    private Executor cleanUps;
    private Executor lateCloses;
    private ExecutorService ownWrites;
    private ExecutorService ownPingsAndCloses;
    private ScheduledExecutorService lateCloseTimer;
    /** The threads in a ping or a close, and since when (System.nanoTime()). */
    private final Map<Thread, Long> blockingSince = new ConcurrentHashMap<>();

    public ConnectionThreads() { // for CDI, which starts it with start()
    }

    /** Threads given, for tests; late closes run on {@code pingsAndCloses} without waiting. */
    public ConnectionThreads(Executor writes, Executor pingsAndCloses, Executor cleanUps) {
        this.writes = writes;
        this.pingsAndCloses = pingsAndCloses;
        this.cleanUps = cleanUps;
        this.lateCloses = pingsAndCloses;
    }

    @PostConstruct
    void start() {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        if (writeThreads < 0) {
            throw new IllegalArgumentException("switchboard.connections.write-threads must not be negative");
        }
        int writers = writeThreads > 0 ? writeThreads : Runtime.getRuntime().availableProcessors();
        ThreadPoolExecutor writePool = new ThreadPoolExecutor(writers, writers, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemons("switchboard-write-", application));
        writePool.prestartAllCoreThreads();
        ThreadPoolExecutor blockingPool = new ThreadPoolExecutor(BLOCKING_THREADS, BLOCKING_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons("switchboard-ping-close-", application));
        blockingPool.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("switchboard-late-close-", application));
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // stopping: the container closes them all
        timer.prestartCoreThread(); // here, not on the container thread that first finds a connection lost
        ownWrites = writePool;
        ownPingsAndCloses = blockingPool;
        lateCloseTimer = timer;
        writes = writePool;
        pingsAndCloses = task -> blockingPool.execute(() -> timed(task));
        cleanUps = this::cleanUp;
        lateCloses = task -> timer.schedule(() -> runBlocking(pingsAndCloses, task), LATE_CLOSE_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs a ping or a close, noting since when its thread is in it. */
    private void timed(Runnable task) {
        Thread thread = Thread.currentThread();
        blockingSince.put(thread, System.nanoTime());
        try {
            task.run();
        } finally {
            blockingSince.remove(thread);
        }
    }

    /**
     * Pings and closes that have been running for longer than {@code threshold}: the container holds their
     * threads (Open Liberty 26.0.0.3's synchronous writes; for good, when it tears the connection down
     * meanwhile). Each holds one of the {@value #BLOCKING_THREADS} threads.
     */
    public int blockingLongerThan(Duration threshold) {
        long now = System.nanoTime();
        long limit = threshold.toNanos();
        return (int) blockingSince.values().stream().filter(since -> now - since > limit).count();
    }

    @PreDestroy
    void stop() {
        if (ownWrites != null) {
            ownWrites.shutdown();
            lateCloseTimer.shutdown();
            ownPingsAndCloses.shutdown(); // a close blocked for good ends with the JVM (a daemon), not on a redeploy
        }
    }

    /** Runs each connection's write tasks. */
    public Executor writes() {
        return writes;
    }

    /** Runs pings and closes, which may block. */
    public Executor pingsAndCloses() {
        return pingsAndCloses;
    }

    /** Runs a close on the ping-and-close threads {@value #LATE_CLOSE_SECONDS} s from now. */
    public Executor lateCloses() {
        return lateCloses;
    }

    /** Runs the clean-up after a connection ended. */
    public Executor cleanUps() {
        return cleanUps;
    }

    private void cleanUp(Runnable task) {
        try {
            cleanUpExecutor.execute(task);
        } catch (RejectedExecutionException e) {
            pingsAndCloses.execute(task); // the application is stopping and its executor is gone: still never inline
        }
    }

    private static void runBlocking(Executor pingsAndCloses, Runnable task) {
        try {
            pingsAndCloses.execute(task);
        } catch (RejectedExecutionException e) {
            // the application stopped meanwhile: the container closes its connections
        }
    }

    private static ThreadFactory daemons(String prefix, ClassLoader application) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        };
    }
}
