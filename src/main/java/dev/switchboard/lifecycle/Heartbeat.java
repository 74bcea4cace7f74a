package dev.switchboard.lifecycle;

import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.SessionLimits;
import dev.switchboard.endpoint.ConnectionLifecycle;
import dev.switchboard.signaling.SignalingService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
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

    @Inject
    ConnectedPeers peers;

    @Inject
    ConnectionLifecycle sessions;

    @Inject
    SignalingService signaling;

    @Inject
    SessionLimits limits;

    private ScheduledFuture<?> ticks;

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
        long now = System.nanoTime();
        long timeout = TimeUnit.MILLISECONDS.toNanos(limits.heartbeatTimeoutMillis());
        long idleTimeout = TimeUnit.MILLISECONDS.toNanos(limits.idleTimeoutMillis());
        for (Map.Entry<String, Connection> entry : peers.connections().entrySet()) {
            String peer = entry.getKey();
            Connection connection = entry.getValue();
            try {
                if (connection.silentNanos(now) > timeout) {
                    sessions.timedOut(peer);
                } else if (signaling.isEngaged(peer)) {
                    connection.engaged(now);
                    connection.outbox().ping();
                } else if (connection.idleNanos(now) > idleTimeout) {
                    peers.closeNow(peer, CloseCodes.idle());
                } else {
                    connection.outbox().ping();
                }
            } catch (RuntimeException e) {
                // One bad connection must not stop the heartbeat of all the others.
                LOG.log(Level.WARNING, "heartbeat failed for a connection", e);
            }
        }
    }
}
