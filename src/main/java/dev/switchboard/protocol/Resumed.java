package dev.switchboard.protocol;

import java.util.List;

/**
 * First frame on a connection that resumed a peer's session: the same peer id, its room (null when in none),
 * the heartbeat and ICE servers as in {@link Welcome}, and a new resume token (the old one is spent). The
 * messages kept for the peer while it was away follow, in order.
 */
public record Resumed(String peerId, String room, Long heartbeatMs, List<IceServer> iceServers, String resumeToken,
                      Long resumeWindowMs) implements ServerMessage, Message {

    public Resumed {
        iceServers = iceServers == null || iceServers.isEmpty() ? null : List.copyOf(iceServers);
    }
}
