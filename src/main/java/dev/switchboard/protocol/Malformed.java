package dev.switchboard.protocol;


/** A frame that is not a valid client message: what the decoder yields instead of failing the connection. */
public record Malformed(ErrorCode code, String reason, Object id) implements ClientMessage {
}
