package dev.switchboard.protocol;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

/**
 * Turns every text frame into a {@link ClientMessage}: invalid frames become {@link Malformed}, frames
 * over the {@link MessageSizeLimit} become {@link Oversize} without being parsed.
 *
 * <p>The size is checked here as well as through {@code Session.setMaxTextMessageBufferSize}, because
 * not every container enforces the latter: Open Liberty 26.0.0.3 delivers a 10 MB frame regardless.
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
