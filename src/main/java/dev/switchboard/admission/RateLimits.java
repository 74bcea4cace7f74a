package dev.switchboard.admission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How fast one connection may send, from MicroProfile Config. The defaults leave room for any
 * well-behaved client — a mesh call's burst of candidates, a page that retries a join a dozen times in a
 * second — and stop floods and room-name guessing long before they cost the server anything.
 */
@ApplicationScoped
public class RateLimits {

    /** How fast refusals are forgiven: a client a little over its limit now and then is never cut off. */
    static final double REFUSALS_FORGIVEN_PER_SECOND = 1;

    private Rate messages;
    private Rate entries;
    private Rate refusals;

    protected RateLimits() { // for the CDI proxy
    }

    @Inject
    public RateLimits(
            @ConfigProperty(name = "switchboard.rate.messages-per-second", defaultValue = "200") double messagesPerSecond,
            @ConfigProperty(name = "switchboard.rate.message-burst", defaultValue = "400") double messageBurst,
            @ConfigProperty(name = "switchboard.rate.entries-per-second", defaultValue = "5") double entriesPerSecond,
            @ConfigProperty(name = "switchboard.rate.entry-burst", defaultValue = "30") double entryBurst,
            @ConfigProperty(name = "switchboard.rate.max-rejected", defaultValue = "100") int maxRejected) {
        if (messagesPerSecond <= 0 || messageBurst < 1 || entriesPerSecond <= 0 || entryBurst < 1 || maxRejected < 1) {
            throw new IllegalArgumentException("switchboard.rate.* must be positive (bursts and max-rejected at least 1)");
        }
        this.messages = Rate.of(messageBurst, messagesPerSecond);
        this.entries = Rate.of(entryBurst, entriesPerSecond);
        this.refusals = Rate.of(maxRejected, REFUSALS_FORGIVEN_PER_SECOND);
    }

    /** A new connection's limiter. */
    public RateLimiter newLimiter(long nowNanos) {
        return new RateLimiter(new TokenBucket(messages, nowNanos), new TokenBucket(entries, nowNanos),
                new TokenBucket(refusals, nowNanos));
    }
}
