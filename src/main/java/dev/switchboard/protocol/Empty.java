package dev.switchboard.protocol;


/** The room does not exist (it has no members), so it cannot be joined. */
public record Empty(String room, Object ref) implements ServerMessage, Message {
}
