package dev.switchboard.protocol;

/** Told to the other members of a room when a peer that was away resumed its session. */
public record PeerBack(String room, String peerId) implements ServerMessage, Message {
}
