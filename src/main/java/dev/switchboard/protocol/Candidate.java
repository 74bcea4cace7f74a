package dev.switchboard.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;

/**
 * An ICE candidate: the browser's {@code RTCIceCandidateInit} object ({@code candidate}, {@code sdpMid},
 * {@code sdpMLineIndex}, {@code usernameFragment}), kept as a JSON object so it is relayed exactly as sent;
 * or null for end-of-candidates, written as an explicit {@code null}.
 */
public record Candidate(@JsonbNillable JsonValue candidate, String to, String from, String fromName,
                        String room, Long ts, Object id) implements Signal, Message {

    @Override
    public Candidate inRoom(String from, String room) {
        return new Candidate(candidate, to, from, null, room, null, id);
    }

    @Override
    public Candidate direct(Sender sender) {
        return new Candidate(candidate, to, sender.peerId(), sender.name(), null, sender.timestamp(), id);
    }
}
