package dev.switchboard.protocol;

/** Told to the members of a room when another peer enters it. */
public record PeerJoined(String room, String peerId) implements ServerMessage, Message {
}
