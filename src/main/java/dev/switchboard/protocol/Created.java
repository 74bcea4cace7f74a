package dev.switchboard.protocol;

import java.util.List;

/** The requester created the room and is its only member. */
public record Created(String room, String peerId, List<String> peers, Object ref) implements ServerMessage, Message {
}
