package dev.switchboard.protocol;

/** The {@code code} values of {@code error} frames, as documented in docs/protocol.md. */
public enum ErrorCode {
    BAD_JSON("bad-json"),
    UNKNOWN_TYPE("unknown-type"),
    INVALID_MESSAGE("invalid-message"),
    INVALID_ROOM("invalid-room"),
    NOT_IN_ROOM("not-in-room"),
    ALREADY_IN_ROOM("already-in-room"),
    ROOM_EXISTS("room-exists"),
    UNKNOWN_PEER("unknown-peer"),
    INVALID_NAME("invalid-name"),
    NAME_TAKEN("name-taken"),
    ALREADY_LOGGED_IN("already-logged-in"),
    NOT_LOGGED_IN("not-logged-in"),
    PEER_BUSY("peer-busy"),
    DIRECTORY_FULL("directory-full"),
    DIRECTORY_DISABLED("directory-disabled"),
    RATE_LIMITED("rate-limited"),
    TOO_MANY_ROOMS("too-many-rooms"),
    SHUTTING_DOWN("shutting-down"),
    UNAVAILABLE("unavailable"),
    FORBIDDEN("forbidden"),
    TOKEN_EXPIRED("token-expired"),
    INVALID_TOKEN("invalid-token"),
    RESUME_FAILED("resume-failed"),
    INTERNAL("internal");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
