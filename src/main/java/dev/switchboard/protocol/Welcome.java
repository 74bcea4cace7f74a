package dev.switchboard.protocol;

import java.util.List;

/**
 * First frame on every connection: the id the server gave this peer, how often the server pings (a client
 * that answers pings, as browsers do, needs nothing more to stay connected), the ICE servers to give
 * {@code RTCPeerConnection} (null, so absent, when the server has none configured), and the token and window
 * for resuming this session after a dropped connection (both absent when resuming is off).
 */
public record Welcome(String peerId, Long heartbeatMs, List<IceServer> iceServers, String resumeToken,
                      Long resumeWindowMs) implements ServerMessage, Message {

    public Welcome {
        iceServers = iceServers == null || iceServers.isEmpty() ? null : List.copyOf(iceServers);
    }

    /** A welcome without resuming. */
    public Welcome(String peerId, Long heartbeatMs, List<IceServer> iceServers) {
        this(peerId, heartbeatMs, iceServers, null, null);
    }

    /** A welcome without ICE servers or resuming. */
    public Welcome(String peerId, Long heartbeatMs) {
        this(peerId, heartbeatMs, null);
    }
}
