package dev.switchboard.protocol;

import java.util.List;

/**
 * The ICE servers to use from now on, with fresh TURN credentials: sent to every connection before the
 * credentials it holds expire, for as long as it stays connected.
 */
public record IceServers(List<IceServer> iceServers) implements ServerMessage, Message {

    public IceServers {
        iceServers = List.copyOf(iceServers);
    }
}
