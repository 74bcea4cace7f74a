package dev.switchboard.lifecycle;

import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.ConnectedPeers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes this server out of service before it stops, so that clients learn it is going away (close 1001)
 * and lose nothing the server accepted from them:
 * <ol>
 * <li>readiness reports DOWN and new connections are closed with 1001 at once;</li>
 * <li>after {@code switchboard.shutdown.delay-ms} (time for a load balancer to stop sending clients here;
 * the open connections carry on meanwhile), messages are refused with error {@code shutting-down};</li>
 * <li>every connection is sent what is queued for it, then closed with 1001;</li>
 * <li>connections still open {@code switchboard.shutdown.drain-ms} after step 2 (receivers that do not read)
 * are closed with 1001 at once, dropping what they had not taken.</li>
 * </ol>
 * Runs once; later calls wait for the first to finish, within the time it can take. Bounded throughout:
 * a stop never waits longer than the delay and the drain time for it. {@link ShutdownTriggers} decides when.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class.getName());
    /** Threads closing connections at once; each close is quick unless its client stopped reading. */
    private static final int CLOSER_THREADS = 16;

    private DrainGate admission;
    private ConnectedPeers peers;
    private Duration delay;
    private Duration drainTime;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    /** Made with the drain rather than during it: see {@link #prepare}. */
    private CloseReason goingAway;

    protected Drain() { // for the CDI proxy
    }

    @Inject
    public Drain(DrainGate admission, ConnectedPeers peers,
            @ConfigProperty(name = "switchboard.shutdown.delay-ms", defaultValue = "0") long delayMillis,
            @ConfigProperty(name = "switchboard.shutdown.drain-ms", defaultValue = "5000") long drainMillis) {
        if (delayMillis < 0 || drainMillis < 0) {
            throw new IllegalArgumentException("switchboard.shutdown.delay-ms and drain-ms must not be negative");
        }
        this.admission = admission;
        this.peers = peers;
        this.delay = Duration.ofMillis(delayMillis);
        this.drainTime = Duration.ofMillis(drainMillis);
        this.goingAway = CloseCodes.goingAway();
    }

    /**
     * Creates what a drain uses, configuration and classes included, now rather than when the application
     * stops: by then they may be unreadable (seen on Open Liberty when a WAR is removed before it is
     * undeployed: creating a bean that reads microprofile-config.properties, or loading a class, fails).
     */
    public void prepare() {
        admission.takesConnections();
        peers.count();
    }

    /** Whether a drain has begun: the server is going away and not ready for new clients. */
    public boolean isDraining() {
        return started.get();
    }

    /** Drains as configured, the delay included: for a stop that waits for it (a signal handler). */
    public void drain() {
        drain(delay);
    }

    /**
     * Drains without the delay: for a stop already under way (a JVM shutdown hook, the application
     * stopping), where nobody is routing clients here any more and every millisecond counts.
     */
    public void drainNow() {
        drain(Duration.ZERO);
    }

    private void drain(Duration delayFirst) {
        if (!started.compareAndSet(false, true)) {
            awaitFirst();
            return;
        }
        try {
            run(delayFirst);
        } finally {
            finished.complete(null);
        }
    }

    /** A second trigger waits for the drain under way, but never longer than a drain can take. */
    private void awaitFirst() {
        try {
            finished.get(delay.plus(drainTime).toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Drained as far as it could: the stop goes on.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Duration delayFirst) {
        long start = System.nanoTime();
        admission.refuseConnections();
        LOG.info(() -> "draining for shutdown: not ready, new connections refused; " + peers.count()
                + " open connections close in " + delayFirst.toMillis() + " ms");
        pause(delayFirst);
        long deadline = System.nanoTime() + drainTime.toNanos();
        if (!admission.refuseMessages(drainTime)) {
            LOG.warning("messages still being handled after " + drainTime.toMillis() + " ms; refusing the rest");
        }
        // Closes run on threads of their own, never this one: one can block indefinitely (see ConnectedPeers),
        // and this thread must reach the deadline to close the rest and let the server stop. Not the
        // application's managed executor: the server may have shut that down already.
        ExecutorService closer = Executors.newFixedThreadPool(CLOSER_THREADS, Drain::closerThread);
        try {
            int open = peers.closeAllAfterFlush(goingAway, closer);
            int forced = peers.awaitNone(deadline) ? 0 : peers.closeAllNow(goingAway, closer);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (forced > 0) {
                LOG.warning(() -> "drained in " + millis + " ms: " + forced + " of " + open + " connections did not"
                        + " take their messages within " + drainTime.toMillis() + " ms and were closed without them");
            } else {
                LOG.info(() -> "drained in " + millis + " ms: " + open + " connections sent their messages and closed");
            }
        } finally {
            closer.shutdown(); // its threads end with their last close; a blocked one is a daemon
        }
    }

    private static Thread closerThread(Runnable task) {
        Thread thread = new Thread(task, "switchboard-drain-close");
        thread.setDaemon(true);
        return thread;
    }

    /** A deliberate wait (for load balancers), not a synchronisation: nothing here signals its end. */
    private static void pause(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
