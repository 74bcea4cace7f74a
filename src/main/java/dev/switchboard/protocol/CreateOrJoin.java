package dev.switchboard.protocol;


/** Enter room {@code room}, creating it if it does not exist. */
public record CreateOrJoin(String room, Object id) implements ClientMessage, Message {
}
