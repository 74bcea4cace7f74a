package dev.switchboard.protocol;

import java.util.List;

/**
 * First frame on every connection: the id the server gave this peer, how often the server pings (a client
 * that answers pings, as browsers do, needs nothing more to stay connected), and the ICE servers to give
 * {@code RTCPeerConnection} (null, so absent, when the server has none configured).
 */
public record Welcome(String peerId, Long heartbeatMs, List<IceServer> iceServers) implements ServerMessage, Message {

    public Welcome {
        iceServers = iceServers == null || iceServers.isEmpty() ? null : List.copyOf(iceServers);
    }

    /** A welcome without ICE servers. */
    public Welcome(String peerId, Long heartbeatMs) {
        this(peerId, heartbeatMs, null);
    }
}
