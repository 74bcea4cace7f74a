package dev.switchboard.protocol;

import dev.switchboard.Unproxied;
import jakarta.inject.Inject;

/**
 * Turns every text frame into a {@link ClientMessage}: invalid frames become {@link Malformed}, frames
 * over the {@link MessageSizeLimit} become {@link Oversize} without being parsed.
 *
 * <p>The size is checked here as well as through {@code Session.setMaxTextMessageBufferSize}, because
 * containers differ in what they check: Open Liberty 26.0.0.3 refuses a single frame over the limit on
 * its header, but checks each frame of a fragmented message alone, so a message in fragments under the
 * limit reaches this decoder whole, however big (the JDK client fragments big messages so).
 *
 * <p>A CDI bean the endpoints call, not a {@code jakarta.websocket.Decoder}: Open Liberty 26.0.0.3 makes
 * a new decoder and calls its {@code init} for every message, and a decoder, not being a bean, had to
 * look its limit up through CDI each time (7% of the server's CPU under relay load, by JFR).
 */
@Unproxied
public class MessageDecoder {

    private final MessageCodec codec = MessageCodec.shared();
    private final int maxBytes;

    @Inject
    public MessageDecoder(MessageSizeLimit limit) {
        this.maxBytes = limit.maxBytes();
    }

    public ClientMessage decode(String frame) {
        return FrameSize.exceeds(frame, maxBytes) ? new Oversize() : codec.decode(frame);
    }
}
