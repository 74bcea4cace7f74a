package dev.switchboard.admission;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the open connections of each client address and refuses one more than {@code maxPerAddress}.
 * Acquire and release run in one {@link ConcurrentHashMap#compute} each, so racing connections from one
 * address cannot pass the limit together, and an address with no connections left takes no memory.
 */
public final class AddressLimit {

    private final int maxPerAddress;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    public AddressLimit(int maxPerAddress) {
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException("the per-address limit must be at least 1, was " + maxPerAddress);
        }
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts one more connection from {@code address}, unless it already has the most it may. */
    public boolean tryAcquire(String address) {
        boolean[] acquired = new boolean[1];
        open.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            acquired[0] = current < maxPerAddress;
            return acquired[0] ? current + 1 : count;
        });
        return acquired[0];
    }

    /** One connection from {@code address}, counted by {@link #tryAcquire}, has closed. */
    public void release(String address) {
        open.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
    }

    /** Connections open from {@code address}. */
    public int openFrom(String address) {
        return open.getOrDefault(address, 0);
    }

    /** Addresses with at least one open connection. */
    public int addresses() {
        return open.size();
    }
}
