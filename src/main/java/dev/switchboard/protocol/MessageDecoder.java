package dev.switchboard.protocol;

import jakarta.websocket.Decoder;

/** Turns every text frame into a {@link ClientMessage}; invalid frames become {@link Malformed}. */
public class MessageDecoder implements Decoder.Text<ClientMessage> {

    private final MessageCodec codec = MessageCodec.shared();

    @Override
    public ClientMessage decode(String frame) {
        return codec.decode(frame);
    }

    @Override
    public boolean willDecode(String frame) {
        return true;
    }
}
