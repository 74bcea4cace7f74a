package dev.switchboard.protocol;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

/**
 * Turns every text frame into a {@link ClientMessage}: invalid frames become {@link Malformed}, frames
 * over the {@link MessageSizeLimit} become {@link Oversize} without being parsed.
 *
 * <p>The size is checked here as well as through {@code Session.setMaxTextMessageBufferSize}, because
 * containers differ in what they check: Open Liberty 26.0.0.3 refuses a single frame over the limit on
 * its header, but checks each frame of a fragmented message alone, so a message in fragments under the
 * limit reaches this decoder whole, however big (the JDK client fragments big messages so).
 */
public class MessageDecoder implements Decoder.Text<ClientMessage> {

    private final MessageCodec codec = MessageCodec.shared();
    private int maxBytes;

    @Override
    public void init(EndpointConfig config) {
        // Decoders are not CDI beans (only endpoints are), so the limit is looked up.
        maxBytes = CDI.current().select(MessageSizeLimit.class).get().maxBytes();
    }

    @Override
    public ClientMessage decode(String frame) {
        return FrameSize.exceeds(frame, maxBytes) ? new Oversize() : codec.decode(frame);
    }

    @Override
    public boolean willDecode(String frame) {
        return true;
    }
}
