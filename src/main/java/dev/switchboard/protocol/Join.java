package dev.switchboard.protocol;


/** Enter the existing room {@code room}. */
public record Join(String room, Object id) implements ClientMessage, Message {
}
