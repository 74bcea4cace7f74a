package dev.switchboard.lifecycle;

import dev.switchboard.connection.Close;
import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.connection.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

    private DrainGate gate;
    private ConnectedPeers peers;
    private Duration delay;
    private Duration drainTime;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    /** Made with the drain rather than during it: see {@link #prepare}. */
    private Close goingAway;

    protected Drain() { // for the CDI proxy
    }

    @Inject
    public Drain(DrainGate gate, ConnectedPeers peers,
            @ConfigProperty(name = "switchboard.shutdown.delay-ms", defaultValue = "0") long delayMillis,
            @ConfigProperty(name = "switchboard.shutdown.drain-ms", defaultValue = "5000") long drainMillis) {
        if (delayMillis < 0 || drainMillis < 0) {
            throw new IllegalArgumentException("switchboard.shutdown.delay-ms and drain-ms must not be negative");
        }
        this.gate = gate;
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
        gate.takesConnections();
        peers.all().forEach(Connection::hasEnded);
        awaitFinished(List.of(), System.nanoTime());
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
        gate.refuseConnections();
        LOG.info(() -> "draining for shutdown: not ready, new connections refused; " + peers.count()
                + " open connections close in " + delayFirst.toMillis() + " ms");
        pause(delayFirst);
        long deadline = System.nanoTime() + drainTime.toNanos();
        if (!gate.refuseMessages(drainTime)) {
            LOG.warning("messages still being handled after " + drainTime.toMillis() + " ms; refusing the rest");
        }
        // Closes are queued behind each connection's messages and run on the connection threads, never this
        // one: a close can block indefinitely, and this thread must reach the deadline to close the rest.
        List<Connection> open = peers.all();
        open.forEach(connection -> connection.closeAfterFlush(goingAway));
        List<Connection> stuck = awaitFinished(open, deadline);
        stuck.forEach(connection -> connection.closeNow(goingAway));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!stuck.isEmpty()) {
            LOG.warning(() -> "drained in " + millis + " ms: " + stuck.size() + " of " + open.size() + " connections did"
                    + " not take their messages within " + drainTime.toMillis() + " ms and were closed without them");
        } else {
            LOG.info(() -> "drained in " + millis + " ms: " + open.size() + " connections sent their messages and closed");
        }
    }

    /** Waits until every connection of {@code open} is finished or the deadline passes; returns those that are not. */
    private static List<Connection> awaitFinished(List<Connection> open, long deadlineNanos) {
        CompletableFuture<?>[] all = open.stream().map(connection -> connection.finished().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // some did not finish: closed at once below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return open.stream().filter(connection -> !connection.finished().toCompletableFuture().isDone()).toList();
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
