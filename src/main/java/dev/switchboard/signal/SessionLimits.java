package dev.switchboard.signal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Per-connection limits, from MicroProfile Config. */
@ApplicationScoped
public class SessionLimits {

    private int maxQueuedMessages;
    private long sendTimeoutMillis;

    protected SessionLimits() { // for the CDI proxy
    }

    @Inject
    public SessionLimits(
            @ConfigProperty(name = "switchboard.session.max-queued-messages", defaultValue = "1024") int maxQueuedMessages,
            @ConfigProperty(name = "switchboard.session.send-timeout-ms", defaultValue = "10000") long sendTimeoutMillis) {
        if (maxQueuedMessages < 1 || sendTimeoutMillis < 1) {
            throw new IllegalArgumentException(
                    "switchboard.session.max-queued-messages and switchboard.session.send-timeout-ms must be >= 1");
        }
        this.maxQueuedMessages = maxQueuedMessages;
        this.sendTimeoutMillis = sendTimeoutMillis;
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
