package dev.switchboard.bench;

import java.net.URI;

/**
 * PeerJS server 1.0 ({@code peer} on npm): no rooms, messages go to a peer id ({@code dst}) and the server
 * stamps {@code src}. Payloads as the PeerJS client library writes them.
 */
final class PeerJsDialect implements Dialect {

    @Override
    public String name() {
        return "PeerJS";
    }

    @Override
    public URI uri(String host, int port, String peerId) {
        return URI.create("ws://" + host + ":" + port + "/peerjs?key=peerjs&id=" + peerId + "&token=t" + peerId);
    }

    @Override
    public Inbound read(String frame) {
        if (frame.contains("\"type\":\"OPEN\"")) {
            return new Inbound(Kind.READY, null);
        } else if (frame.contains("\"type\":\"ERROR\"") || frame.contains("\"type\":\"ID-TAKEN\"")
                || frame.contains("\"type\":\"EXPIRE\"")) {
            return new Inbound(Kind.ERROR, null);
        }
        return Inbound.OTHER;
    }

    @Override
    public boolean hasRooms() {
        return false;
    }

    @Override
    public String join(String room) {
        throw new UnsupportedOperationException("PeerJS has no rooms");
    }

    @Override
    public String leave() {
        return null;
    }

    @Override
    public String signal(char kind, String toPeerId, String body) {
        return switch (kind) {
            case 'o' -> "{\"type\":\"OFFER\",\"dst\":\"" + toPeerId + "\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\""
                    + body + "\"},\"type\":\"media\",\"connectionId\":\"mc_1\"}}";
            case 'a' -> "{\"type\":\"ANSWER\",\"dst\":\"" + toPeerId + "\",\"payload\":{\"sdp\":{\"type\":\"answer\",\"sdp\":\""
                    + body + "\"},\"type\":\"media\",\"connectionId\":\"mc_1\"}}";
            default -> "{\"type\":\"CANDIDATE\",\"dst\":\"" + toPeerId + "\",\"payload\":{\"candidate\":{\"candidate\":\""
                    + body + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0},\"type\":\"media\",\"connectionId\":\"mc_1\"}}";
        };
    }

    @Override
    public String keepAlive() {
        return "{\"type\":\"HEARTBEAT\"}";
    }
}
