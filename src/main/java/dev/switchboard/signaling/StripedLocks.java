package dev.switchboard.signaling;

/**
 * Locks striped by key (a room name, a peer id). A decision and the messages it causes are made under
 * the key's lock, so whoever the messages go to hears related events in the order they were decided.
 * Holders only queue messages (outboxes never block), so the critical sections stay short.
 */
public final class StripedLocks {

    private static final int STRIPES = 1024; // a power of two

    private final Object[] stripes = new Object[STRIPES];

    public StripedLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    public Object of(String key) {
        int hash = key.hashCode();
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }
}
