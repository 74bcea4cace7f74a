package dev.switchboard.protocol;

/** First frame on every connection: the id the server gave this peer. */
public record Welcome(String peerId) implements ServerMessage, Message {
}
