package dev.switchboard.cluster;

import dev.switchboard.connection.Close;
import dev.switchboard.connection.Outbox;
import java.util.function.Consumer;

/**
 * The home node's side of a relay: what the outbox of a peer that resumed on another node writes goes to
 * that node's channel, addressed to the relay, which writes it to the client. Publishing never waits, so a
 * write completes once it is issued; the relaying node's own outbox bounds what waits for the client.
 */
final class RelayTransport implements Outbox.Transport {

    private final Backplane backplane;
    private final String node;
    private final String relay;

    RelayTransport(Backplane backplane, String node, String relay) {
        this.backplane = backplane;
        this.node = node;
        this.relay = relay;
    }

    String node() {
        return node;
    }

    String relay() {
        return relay;
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        publish(new RelayNote(RelayNote.Kind.TO_CLIENT, relay, backplane.node(), "", frame));
        done.accept(null);
    }

    @Override
    public void ping(Consumer<Throwable> done) {
        publish(RelayNote.of(RelayNote.Kind.PING, relay, backplane.node()));
        done.accept(null);
    }

    @Override
    public void close(Close close) {
        publish(new RelayNote(RelayNote.Kind.CLOSE, relay, backplane.node(), String.valueOf(close.code()), close.reason()));
    }

    private void publish(RelayNote note) {
        backplane.publish(node, note.encode());
    }
}
