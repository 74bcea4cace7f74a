package dev.switchboard.protocol;

/** A peer left the directory (logout or disconnect): sent to every other logged-in peer. */
public record PeerOffline(String peerId, String name, String reason) implements ServerMessage, Message {

    public static final String LOGOUT = "logout";
    public static final String DISCONNECTED = "disconnected";
    public static final String TIMEOUT = "timeout";
}
