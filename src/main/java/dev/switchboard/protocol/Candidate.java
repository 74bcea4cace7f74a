package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Map;

/**
 * An ICE candidate: the browser's {@code RTCIceCandidateInit} object ({@code candidate}, {@code sdpMid},
 * {@code sdpMLineIndex}, {@code usernameFragment}), kept as a JSON object so it is relayed exactly as sent;
 * or null for end-of-candidates, written as an explicit {@code null}.
 */
public record Candidate(@JsonbNillable Map<String, Object> candidate, String to, String from, String room, Object id)
        implements Signal, Message {
    @Override
    public Candidate stamped(String from, String room) {
        return new Candidate(candidate, to, from, room, id);
    }
}
