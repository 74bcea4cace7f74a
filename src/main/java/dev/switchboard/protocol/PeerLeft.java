package dev.switchboard.protocol;

/** Told to the remaining members of a room when a peer leaves it; {@code reason} says how. */
public record PeerLeft(String room, String peerId, String reason) implements ServerMessage, Message {

    public static final String LEFT = "left";
    public static final String DISCONNECTED = "disconnected";
    public static final String TIMEOUT = "timeout";
}
