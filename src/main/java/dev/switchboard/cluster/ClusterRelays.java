package dev.switchboard.cluster;

import dev.switchboard.Unproxied;
import dev.switchboard.connection.Close;
import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.Frame;
import dev.switchboard.endpoint.ConnectionLifecycle;
import dev.switchboard.resume.Relays;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Resuming on another node of the cluster ({@link Relays}). A client that comes back on node B with the
 * resume token of a peer of node A (the token names A): B sends A the token; A claims the peer for a new
 * connection of its own whose writes go to B ({@link RelayTransport}) — its {@code resumed}, what was held for
 * it, and everything after, in order — or refuses, and B welcomes a new peer. From then on B's connection is
 * a relay: B hands A the client's frames and pongs, writes what A sends, and tells A when the connection
 * ends; A acts on the frames, pings, and keeps the peer for a resume when the connection drops, as for a
 * connection of its own. Every message to the peer still goes through A, which keeps their order.
 *
 * <p>Answers come within {@code switchboard.cluster.command-timeout-ms} or the request counts as refused; a
 * late answer then finds no relay, and A, told so, keeps the peer again. When a node dies, the relays it was
 * home to are closed (1012: the client comes back and, finding the peer gone, starts anew), and its relays to
 * this node's peers count as dropped connections.
 */
@Alternative
@Priority(100) // replaces the single node's Relays wherever this package is deployed
@Unproxied
public class ClusterRelays extends Relays {

    private static final Logger LOG = Logger.getLogger(ClusterRelays.class.getName());
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]{11}");

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Backplane backplane;

    @Inject
    ClusterSettings settings;

    /**
     * Through a provider: the lifecycle depends on this bean, and with no proxy between them neither could be
     * made first.
     */
    @Inject
    Provider<ConnectionLifecycle> lifecycles;

    private volatile ConnectionLifecycle lifecycle;

    private final SecureRandom random = new SecureRandom();
    /** On the relaying node: its relays, by connection and by id. */
    private final Map<Connection, Relay> relayOf = new ConcurrentHashMap<>();
    private final Map<String, Relay> relays = new ConcurrentHashMap<>();
    /** On the home node: the connections of its peers that resumed elsewhere, by relay id and the other way. */
    private final Map<String, Homed> homed = new ConcurrentHashMap<>();
    private final Map<Connection, String> homedRelayOf = new ConcurrentHashMap<>();

    /** A relay's answer: awaited, given (the first frame came), or refused (a new peer was welcomed). */
    private enum Answer { AWAITED, GIVEN, REFUSED }

    private static final class Relay {
        final String id;
        final String home;
        final Connection connection;
        final Runnable refused;
        final AtomicReference<Answer> answer = new AtomicReference<>(Answer.AWAITED);
        volatile ScheduledFuture<?> timeout;

        Relay(String id, String home, Connection connection, Runnable refused) {
            this.id = id;
            this.home = home;
            this.connection = connection;
            this.refused = refused;
        }
    }

    private record Homed(Connection connection, RelayTransport transport) {
    }

    @Override
    public boolean request(Connection connection, String token, String accessToken, Runnable refused) {
        String home = NodePeerIds.nodeOf(token);
        if (!backplane.enabled() || home == null || !NODE_ID.matcher(home).matches() || home.equals(backplane.node())) {
            return false;
        }
        Relay relay = new Relay(newRelayId(), home, connection, refused);
        relayOf.put(connection, relay);
        relays.put(relay.id, relay);
        relay.timeout = scheduler.schedule(() -> { refuse(relay); }, settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        publish(home, new RelayNote(RelayNote.Kind.RESUME, relay.id, backplane.node(), token,
                accessToken == null ? "" : accessToken));
        return true;
    }

    @Override
    public boolean forward(Connection connection, String frame) {
        Relay relay = relayOf.get(connection);
        if (relay == null) {
            return false;
        }
        publish(relay.home, new RelayNote(RelayNote.Kind.FROM_CLIENT, relay.id, backplane.node(), "", frame));
        return true;
    }

    @Override
    public boolean heard(Connection connection) {
        Relay relay = relayOf.get(connection);
        if (relay == null) {
            return false;
        }
        publish(relay.home, RelayNote.of(RelayNote.Kind.HEARD, relay.id, backplane.node()));
        return true;
    }

    @Override
    public boolean ended(Connection connection, Connection.End end) {
        Relay relay = relayOf.remove(connection);
        if (relay != null) {
            relays.remove(relay.id, relay);
            cancelTimeout(relay);
            publish(relay.home, new RelayNote(RelayNote.Kind.ENDED, relay.id, backplane.node(), end.name(), ""));
            return true;
        }
        String id = homedRelayOf.remove(connection);
        if (id != null) {
            homed.remove(id);
        }
        return false; // a connection of this node's own: its ending goes on as any other's
    }

    /** A note from another node, on the inbox's one reader thread, in the order that node sent them. */
    void receive(RelayNote note) {
        switch (note.kind()) {
            case RESUME -> resume(note);
            case REFUSED -> {
                Relay relay = relays.get(note.relay());
                if (relay != null) {
                    refuse(relay);
                }
            }
            case TO_CLIENT -> toClient(note);
            case PING -> answered(note, Connection::ping);
            case CLOSE -> answered(note, connection -> connection.closeAfterFlush(close(note)));
            case FROM_CLIENT -> fromClient(note, connection -> lifecycle().received(connection, note.text()));
            case HEARD -> fromClient(note, connection -> lifecycle().heard(connection));
            case ENDED -> fromClient(note, connection -> {
                if (note.argument().equals(Connection.End.CLOSED.name())) {
                    connection.closed();
                } else {
                    connection.lost(); // kept for a resume, as a dropped connection of this node's own
                }
            });
        }
    }

    /** The lifecycle, looked up once: it is one instance for the application, so a race finds the same one. */
    private ConnectionLifecycle lifecycle() {
        ConnectionLifecycle known = lifecycle;
        if (known == null) {
            known = lifecycles.get();
            lifecycle = known;
        }
        return known;
    }

    /** On the home node: a client on another node presents the token of a peer of this node. */
    private void resume(RelayNote note) {
        RelayTransport transport = new RelayTransport(backplane, note.from(), note.relay());
        Connection connection = lifecycle().relayedConnection(transport, note.text().isEmpty() ? null : note.text());
        homed.put(note.relay(), new Homed(connection, transport)); // before the claim: its ending may follow at once
        homedRelayOf.put(connection, note.relay());
        if (!lifecycle().resumeRelayed(connection, note.argument())) {
            homed.remove(note.relay());
            homedRelayOf.remove(connection);
            publish(note.from(), RelayNote.of(RelayNote.Kind.REFUSED, note.relay(), backplane.node()));
        }
    }

    /** On the relaying node: a frame for the client; the first one, the peer's {@code resumed}, makes the answer. */
    private void toClient(RelayNote note) {
        Relay relay = relays.get(note.relay());
        if (relay != null && relay.answer.compareAndSet(Answer.AWAITED, Answer.GIVEN)) {
            cancelTimeout(relay);
            relay.connection.relay(); // its home node pings it from now on
        }
        if (relay == null || relay.answer.get() != Answer.GIVEN) {
            // Too late (refused meanwhile), or its connection is gone: the home node keeps the peer again.
            publish(note.from(), new RelayNote(RelayNote.Kind.ENDED, note.relay(), backplane.node(),
                    Connection.End.LOST.name(), ""));
            return;
        }
        relay.connection.send(Frame.of(note.text()));
    }

    private void answered(RelayNote note, Consumer<Connection> action) {
        Relay relay = relays.get(note.relay());
        if (relay != null && relay.answer.get() == Answer.GIVEN) {
            action.accept(relay.connection);
        }
    }

    private void fromClient(RelayNote note, Consumer<Connection> action) {
        Homed home = homed.get(note.relay());
        if (home != null) {
            action.accept(home.connection());
        }
    }

    private static Close close(RelayNote note) {
        try {
            return new Close(Integer.parseInt(note.argument()), note.text());
        } catch (NumberFormatException e) {
            return CloseCodes.writeFailed();
        }
    }

    /**
     * The home node refused the relay, or did not answer in time: the connection is welcomed as a new peer.
     * Returns whether it was still waiting for the answer.
     */
    private boolean refuse(Relay relay) {
        if (!relay.answer.compareAndSet(Answer.AWAITED, Answer.REFUSED)) {
            return false;
        }
        cancelTimeout(relay);
        relays.remove(relay.id, relay);
        relayOf.remove(relay.connection, relay);
        relay.refused.run();
        return true;
    }

    private static void cancelTimeout(Relay relay) {
        ScheduledFuture<?> timeout = relay.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    /** {@code node} is dead: the relays it was home to are closed, and its relays to this node's peers dropped. */
    void nodeGone(String node) {
        int closed = 0;
        for (Relay relay : relays.values()) {
            if (relay.home.equals(node) && !refuse(relay)) { // one still waiting is welcomed as a new peer
                relay.connection.closeNow(CloseCodes.homeGone());
                closed++;
            }
        }
        int dropped = 0;
        for (Homed home : homed.values()) {
            if (home.transport().node().equals(node)) {
                home.connection().lost();
                dropped++;
            }
        }
        if (closed + dropped > 0) {
            int relaysClosed = closed;
            int peersKept = dropped;
            LOG.log(Level.INFO, () -> "cluster node " + node + " is gone: " + relaysClosed
                    + " relays to its peers closed, " + peersKept + " peers that resumed on it kept for a resume");
        }
    }

    private void publish(String node, RelayNote note) {
        backplane.publish(node, note.encode());
    }

    private String newRelayId() {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
