package dev.switchboard.lifecycle;

import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.SessionLimits;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.signaling.SignalingService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code switchboard.heartbeat.interval-ms}: pings every connection, removes the peers silent for
 * longer than {@code switchboard.heartbeat.timeout-ms} (their rooms hear {@code peer-left} with reason
 * {@code timeout}), and closes connections that stayed in no room and logged out for longer than
 * {@code switchboard.session.idle-timeout-ms}. So a vanished client is gone within timeout + interval,
 * and an idle one within idle timeout + interval.
 */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ConnectedPeers peers;
    private SignalingService signaling;
    private SessionLimits limits;
    private SignalingMetrics metrics;
    private ScheduledFuture<?> ticks;

    protected Heartbeat() { // for the CDI proxy
    }

    @Inject
    public Heartbeat(ConnectedPeers peers, SignalingService signaling, SessionLimits limits, SignalingMetrics metrics) {
        this.peers = peers;
        this.signaling = signaling;
        this.limits = limits;
        this.metrics = metrics;
    }

    /** Starts beating when the application starts. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        long interval = limits.heartbeatIntervalMillis();
        ticks = scheduler.scheduleAtFixedRate(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    void tick() {
        tick(System.nanoTime());
    }

    /** One beat at {@code now} (of {@link System#nanoTime}). Never waits: pings and closes are queued, clean-ups run elsewhere. */
    void tick(long now) {
        long timeout = TimeUnit.MILLISECONDS.toNanos(limits.heartbeatTimeoutMillis());
        long idleTimeout = TimeUnit.MILLISECONDS.toNanos(limits.idleTimeoutMillis());
        for (Connection connection : peers.all()) {
            if (connection.hasEnded() || connection.isRelay()) {
                continue; // kept for a resume, or being cleaned up: nobody to ping; a relay's home node pings it
            }
            try {
                if (connection.silentNanos(now) > timeout) {
                    // Counted once, though a later beat may find it silent again before it is forgotten.
                    if (connection.timeOut()) {
                        metrics.heartbeatTimedOut();
                    }
                } else if (signaling.isEngaged(connection.peer())) {
                    connection.engaged(now);
                    connection.ping();
                } else if (connection.idleNanos(now) > idleTimeout) {
                    connection.closeNow(CloseCodes.idle());
                } else {
                    connection.ping();
                }
            } catch (RuntimeException e) {
                // One bad connection must not stop the heartbeat of all the others.
                LOG.log(Level.WARNING, "heartbeat failed for a connection", e);
            }
        }
    }
}
