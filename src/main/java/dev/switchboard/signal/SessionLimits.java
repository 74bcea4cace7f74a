package dev.switchboard.signal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Per-connection limits, from MicroProfile Config. */
@ApplicationScoped
public class SessionLimits {

    private int maxMessageBytes;
    private int maxQueuedMessages;
    private long sendTimeoutMillis;

    protected SessionLimits() { // for the CDI proxy
    }

    @Inject
    public SessionLimits(
            @ConfigProperty(name = "switchboard.message.max-bytes", defaultValue = "65536") int maxMessageBytes,
            @ConfigProperty(name = "switchboard.session.max-queued-messages", defaultValue = "1024") int maxQueuedMessages,
            @ConfigProperty(name = "switchboard.session.send-timeout-ms", defaultValue = "10000") long sendTimeoutMillis) {
        if (maxMessageBytes < 1024 || maxQueuedMessages < 1 || sendTimeoutMillis < 1) {
            throw new IllegalArgumentException("switchboard.message.max-bytes must be >= 1024, "
                    + "switchboard.session.max-queued-messages and switchboard.session.send-timeout-ms >= 1");
        }
        this.maxMessageBytes = maxMessageBytes;
        this.maxQueuedMessages = maxQueuedMessages;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    /** Largest text frame accepted; a bigger one closes the connection with 1009. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Messages that may wait for a slow receiver before it is disconnected. */
    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    /** How long one write may take before the receiver is disconnected. */
    public long sendTimeoutMillis() {
        return sendTimeoutMillis;
    }
}
