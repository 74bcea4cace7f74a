package dev.switchboard.protocol;

import java.util.List;

/** The requester entered the room; {@code peers} are the members who were already there. */
public record Joined(String room, String peerId, List<String> peers, Object ref) implements ServerMessage, Message {
}
