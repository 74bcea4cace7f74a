package dev.switchboard.signaling;

import dev.switchboard.protocol.ServerMessage;
import java.util.Collection;

/**
 * Gets a message to peers, wherever their connections are. Deciders call it while holding their locks, so
 * it only queues: it never blocks and never touches a connection itself.
 */
public interface Delivery {

    /**
     * Queues {@code message} for {@code peer} and returns at once. A peer that is no longer connected
     * is skipped: it has left or is leaving, and its room will hear so.
     */
    void deliver(String peer, ServerMessage message);

    /** Queues {@code message} for each of {@code peers}, encoding it once, as {@link #deliver(String, ServerMessage)}. */
    void deliver(Collection<String> peers, ServerMessage message);
}
