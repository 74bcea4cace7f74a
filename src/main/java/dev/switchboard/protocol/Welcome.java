package dev.switchboard.protocol;

/**
 * First frame on every connection: the id the server gave this peer, and how often the server pings
 * (a client that answers pings, as browsers do, needs nothing more to stay connected).
 */
public record Welcome(String peerId, Long heartbeatMs) implements ServerMessage, Message {
}
