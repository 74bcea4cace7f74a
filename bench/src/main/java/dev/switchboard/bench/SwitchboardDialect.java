package dev.switchboard.bench;

import java.net.URI;

/** Switchboard protocol v1 (docs/protocol.md): rooms by message on {@code /signal}. */
final class SwitchboardDialect implements Dialect {

    private final String name;

    SwitchboardDialect(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI uri(String host, int port, String peerId) {
        return URI.create("ws://" + host + ":" + port + "/signal");
    }

    @Override
    public Inbound read(String frame) {
        // the server writes "type" first
        if (frame.startsWith("{\"type\":\"welcome\"")) {
            return new Inbound(Kind.READY, null);
        } else if (frame.startsWith("{\"type\":\"created\"") || frame.startsWith("{\"type\":\"joined\"")) {
            return new Inbound(Kind.ENTERED, null);
        } else if (frame.startsWith("{\"type\":\"full\"")) {
            return new Inbound(Kind.FULL, null);
        } else if (frame.startsWith("{\"type\":\"error\"")) {
            return new Inbound(Kind.ERROR, null);
        }
        return Inbound.OTHER;
    }

    @Override
    public String join(String room) {
        return "{\"type\":\"create-or-join\",\"room\":\"" + room + "\"}";
    }

    @Override
    public String leave() {
        return "{\"type\":\"leave\"}";
    }

    @Override
    public String signal(char kind, String toPeerId, String body) {
        return switch (kind) {
            case 'o' -> "{\"type\":\"offer\",\"sdp\":\"" + body + "\"}";
            case 'a' -> "{\"type\":\"answer\",\"sdp\":\"" + body + "\"}";
            default -> "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"" + body
                    + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}";
        };
    }
}
