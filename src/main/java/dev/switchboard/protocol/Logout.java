package dev.switchboard.protocol;

/** Leave the directory: the peer stays connected but is no longer listed or reachable by name. */
public record Logout(Object id) implements ClientMessage, Message {
}
