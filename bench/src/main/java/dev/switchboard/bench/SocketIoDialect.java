package dev.switchboard.bench;

import java.net.URI;

/**
 * The tutorials' socket.io "create or join" server (bench/peers/socketio-server.js), spoken as Engine.IO v4
 * over a plain WebSocket: {@code 0{..}} open, {@code 40} connect, {@code 42[..]} events, {@code 2}/{@code 3}
 * ping/pong.
 */
final class SocketIoDialect implements Dialect {

    @Override
    public String name() {
        return "Socket.IO";
    }

    @Override
    public URI uri(String host, int port, String peerId) {
        return URI.create("ws://" + host + ":" + port + "/socket.io/?EIO=4&transport=websocket");
    }

    @Override
    public Inbound read(String frame) {
        if (frame.equals("2")) {
            return new Inbound(Kind.OTHER, "3");
        } else if (frame.startsWith("0{")) {
            return new Inbound(Kind.OTHER, "40"); // Engine.IO open: connect to the main namespace
        } else if (frame.startsWith("40")) {
            return new Inbound(Kind.READY, null);
        } else if (frame.startsWith("42[\"created\"") || frame.startsWith("42[\"joined\"")) {
            return new Inbound(Kind.ENTERED, null);
        } else if (frame.startsWith("42[\"full\"")) {
            return new Inbound(Kind.FULL, null);
        } else if (frame.startsWith("44") || frame.startsWith("1")) {
            return new Inbound(Kind.ERROR, null); // connect error, close
        }
        return Inbound.OTHER;
    }

    @Override
    public String join(String room) {
        return "42[\"create or join\",\"" + room + "\"]";
    }

    @Override
    public String leave() {
        return "42[\"bye\"]";
    }

    @Override
    public String signal(char kind, String toPeerId, String body) {
        return switch (kind) {
            case 'o' -> "42[\"message\",{\"type\":\"offer\",\"sdp\":\"" + body + "\"}]";
            case 'a' -> "42[\"message\",{\"type\":\"answer\",\"sdp\":\"" + body + "\"}]";
            default -> "42[\"message\",{\"type\":\"candidate\",\"label\":0,\"id\":\"0\",\"candidate\":\"" + body + "\"}]";
        };
    }
}
