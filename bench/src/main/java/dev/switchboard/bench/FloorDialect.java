package dev.switchboard.bench;

import java.net.URI;

/**
 * The floor (bench/peers/floor-server.js, and bench/liberty-floor on Open Liberty): {@code J:<room>} enters
 * a room and is acknowledged with {@code J}; every other frame goes to the rest of the room unchanged. Signals are framed as Switchboard's, so that
 * the bytes on the wire match.
 */
final class FloorDialect implements Dialect {

    private final SwitchboardDialect framing = new SwitchboardDialect("floor");
    private final String name;

    FloorDialect(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI uri(String host, int port, String peerId) {
        return URI.create("ws://" + host + ":" + port + "/");
    }

    @Override
    public boolean readyOnOpen() {
        return true;
    }

    @Override
    public Inbound read(String frame) {
        return frame.equals("J") ? new Inbound(Kind.ENTERED, null) : Inbound.OTHER;
    }

    @Override
    public String join(String room) {
        return "J:" + room;
    }

    @Override
    public String leave() {
        return null; // the next J: leaves the room
    }

    @Override
    public String signal(char kind, String toPeerId, String body) {
        return framing.signal(kind, toPeerId, body);
    }
}
