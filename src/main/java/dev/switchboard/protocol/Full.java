package dev.switchboard.protocol;


/** The room is at capacity; the requester was not admitted. */
public record Full(String room, Object ref) implements ServerMessage, Message {
}
