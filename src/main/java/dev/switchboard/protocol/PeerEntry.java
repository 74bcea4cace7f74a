package dev.switchboard.protocol;

/** One logged-in peer in a presence message. */
public record PeerEntry(String peerId, String name) {
}
