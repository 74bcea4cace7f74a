package dev.switchboard.protocol;

/** A frame larger than the message size limit: it is not parsed, and the connection is closed with 1009. */
public record Oversize() implements ClientMessage {

    @Override
    public Object id() {
        return null;
    }
}
