package dev.switchboard.signaling;

import dev.switchboard.protocol.ServerMessage;

/** Gets a message to a peer, wherever its connection is. */
public interface Delivery {

    /**
     * Queues {@code message} for {@code peer} and returns at once. A peer that is no longer connected
     * is skipped: it has left or is leaving, and its room will hear so.
     */
    void deliver(String peer, ServerMessage message);
}
