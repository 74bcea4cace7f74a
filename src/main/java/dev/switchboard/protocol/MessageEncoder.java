package dev.switchboard.protocol;

import jakarta.websocket.Encoder;

/** Writes a {@link ServerMessage} as one JSON text frame. */
public class MessageEncoder implements Encoder.Text<ServerMessage> {

    private final MessageCodec codec = MessageCodec.shared();

    @Override
    public String encode(ServerMessage message) {
        return codec.encode(message);
    }
}
