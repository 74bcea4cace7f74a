package dev.switchboard.protocol;

import java.util.List;

/** Everyone logged in (the recipient included), sent once, right after the recipient logs in. */
public record Presence(List<PeerEntry> peers) implements ServerMessage, Message {
}
