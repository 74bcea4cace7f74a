package dev.switchboard.signal;

/**
 * Striped locks by room name. A decision about a room and the messages it causes are made under the
 * room's lock, so every member is told a room's events in the order they were decided: its own
 * {@code created} or {@code joined} before any {@code peer-joined}, a {@code joined} listing a member
 * before that member's {@code peer-left}, and no relayed signal after the {@code peer-left} of its sender.
 * Holders only queue messages (outboxes never block), so the critical sections stay short.
 */
final class RoomLocks {

    private static final int STRIPES = 1024; // a power of two

    private final Object[] stripes = new Object[STRIPES];

    RoomLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    Object of(String room) {
        int hash = room.hashCode();
        return stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }
}
