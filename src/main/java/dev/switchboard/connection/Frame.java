package dev.switchboard.connection;

import dev.switchboard.protocol.FrameSize;

/**
 * A text frame ready to be written, with its size in UTF-8 bytes (what an outbox's bound counts). Made once
 * per message, however many receivers it goes to.
 */
public record Frame(String text, long bytes) {

    public static Frame of(String text) {
        return new Frame(text, FrameSize.utf8Length(text));
    }
}
