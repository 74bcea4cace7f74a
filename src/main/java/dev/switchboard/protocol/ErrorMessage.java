package dev.switchboard.protocol;


/** A request failed; the connection stays open. {@code ref} is the failed request's id, if it had one. */
public record ErrorMessage(String code, String message, Object ref) implements ServerMessage, Message {

    public static ErrorMessage of(ErrorCode code, String message, Object ref) {
        return new ErrorMessage(code.wireName(), message, ref);
    }
}
