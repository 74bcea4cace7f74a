package dev.switchboard.protocol;

/** A peer logged in: sent to every other logged-in peer after its {@link Presence}. */
public record PeerOnline(String peerId, String name) implements ServerMessage, Message {
}
