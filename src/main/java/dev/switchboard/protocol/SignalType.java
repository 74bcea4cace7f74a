package dev.switchboard.protocol;

import java.util.Map;

/** The four WebRTC signals the server relays, with the {@code type} each is sent under. */
public enum SignalType {
    /** An SDP offer: {@code sdp} required. */
    OFFER("offer"),
    /** An SDP answer: {@code sdp} required. */
    ANSWER("answer"),
    /** An ICE candidate ({@code RTCIceCandidateInit}), or null for end-of-candidates. */
    CANDIDATE("candidate"),
    /** Hang-up: the sender ends its call with the recipients (in a room, it stays there until it leaves). */
    BYE("bye");

    private static final Map<String, SignalType> BY_NAME = Map.of(
            OFFER.wireName, OFFER, ANSWER.wireName, ANSWER, CANDIDATE.wireName, CANDIDATE, BYE.wireName, BYE);

    private final String wireName;

    SignalType(String wireName) {
        this.wireName = wireName;
    }

    /** The signal sent under {@code type}, or null if it is none. */
    public static SignalType named(String type) {
        return type == null ? null : BY_NAME.get(type);
    }

    public String wireName() {
        return wireName;
    }

    /** Whether it carries an SDP in {@code sdp}. */
    boolean carriesSdp() {
        return this == OFFER || this == ANSWER;
    }
}
