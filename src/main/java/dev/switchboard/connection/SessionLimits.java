package dev.switchboard.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Per-connection limits and timings, from MicroProfile Config. */
@ApplicationScoped
public class SessionLimits {

    private Outbox.Bounds outboxBounds;
    private long sendTimeoutMillis;
    private long heartbeatIntervalMillis;
    private long heartbeatTimeoutMillis;
    private long idleTimeoutMillis;

    protected SessionLimits() { // for the CDI proxy
    }

    @Inject
    public SessionLimits(
            @ConfigProperty(name = "switchboard.session.max-queued-messages", defaultValue = "1024") int maxQueuedMessages,
            @ConfigProperty(name = "switchboard.session.max-queued-bytes", defaultValue = "1048576") long maxQueuedBytes,
            @ConfigProperty(name = "switchboard.session.send-timeout-ms", defaultValue = "10000") long sendTimeoutMillis,
            // below 30 s: the OpenShift router closes connections idle for 30 s by default
            @ConfigProperty(name = "switchboard.heartbeat.interval-ms", defaultValue = "20000") long heartbeatIntervalMillis,
            @ConfigProperty(name = "switchboard.heartbeat.timeout-ms", defaultValue = "45000") long heartbeatTimeoutMillis,
            @ConfigProperty(name = "switchboard.session.idle-timeout-ms", defaultValue = "120000") long idleTimeoutMillis) {
        require(maxQueuedMessages >= 1, "switchboard.session.max-queued-messages must be at least 1");
        require(maxQueuedBytes >= 1, "switchboard.session.max-queued-bytes must be at least 1");
        require(sendTimeoutMillis >= 1, "switchboard.session.send-timeout-ms must be at least 1");
        require(heartbeatIntervalMillis >= 100, "switchboard.heartbeat.interval-ms must be at least 100");
        require(heartbeatTimeoutMillis > heartbeatIntervalMillis,
                "switchboard.heartbeat.timeout-ms must be longer than switchboard.heartbeat.interval-ms");
        require(idleTimeoutMillis >= 1, "switchboard.session.idle-timeout-ms must be at least 1");
        this.outboxBounds = new Outbox.Bounds(maxQueuedMessages, maxQueuedBytes);
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.heartbeatIntervalMillis = heartbeatIntervalMillis;
        this.heartbeatTimeoutMillis = heartbeatTimeoutMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** What may wait for a slow receiver (messages, bytes) before it is disconnected. */
    public Outbox.Bounds outboxBounds() {
        return outboxBounds;
    }

    /** How long one write may take before the receiver is disconnected. */
    public long sendTimeoutMillis() {
        return sendTimeoutMillis;
    }

    /** How often every connection is pinged. */
    public long heartbeatIntervalMillis() {
        return heartbeatIntervalMillis;
    }

    /** How long a peer may stay silent (no pong, no message) before it is removed. */
    public long heartbeatTimeoutMillis() {
        return heartbeatTimeoutMillis;
    }

    /** How long a connection may stay in no room and not logged in before it is closed. */
    public long idleTimeoutMillis() {
        return idleTimeoutMillis;
    }
}
