package dev.switchboard.protocol;


/** Create room {@code room} and enter it; fails if it exists. */
public record Create(String room, Object id) implements ClientMessage, Message {
}
