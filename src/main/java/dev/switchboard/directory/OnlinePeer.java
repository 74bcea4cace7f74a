package dev.switchboard.directory;

/** A logged-in peer: its id and its registered name. */
public record OnlinePeer(String peerId, String name) {
}
