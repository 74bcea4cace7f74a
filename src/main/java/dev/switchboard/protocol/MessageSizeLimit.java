package dev.switchboard.protocol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The largest text frame a client may send, {@code switchboard.message.max-bytes} (UTF-8 bytes). */
@ApplicationScoped
public class MessageSizeLimit {

    private int maxBytes;

    protected MessageSizeLimit() { // for the CDI proxy
    }

    @Inject
    public MessageSizeLimit(@ConfigProperty(name = "switchboard.message.max-bytes", defaultValue = "65536") int maxBytes) {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("switchboard.message.max-bytes must be at least 1024, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }
}
