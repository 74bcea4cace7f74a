package dev.switchboard.protocol;

/**
 * Told to the other members of a room when a peer's connection dropped without a goodbye: the peer is kept
 * for the resume window and may come back ({@link PeerBack}); if it does not, {@link PeerLeft} follows.
 */
public record PeerAway(String room, String peerId) implements ServerMessage, Message {
}
