package dev.switchboard.connection;

import dev.switchboard.Unproxied;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.ToLongFunction;
import java.util.stream.LongStream;

/** The peers connected to this node, by peer id, from their welcome until their clean-up. */
@Unproxied
public class ConnectedPeers {

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** The deepest outbound queue of the connections already forgotten. */
    private final LongAccumulator forgottenQueuePeak = new LongAccumulator(Math::max, 0);

    public void register(Connection connection) {
        connections.put(connection.peer(), connection);
    }

    /** Forgets {@code connection}; returns whether it was registered. Idempotent. */
    public boolean forget(Connection connection) {
        if (!connections.remove(connection.peer(), connection)) {
            return false;
        }
        forgottenQueuePeak.accumulate(connection.outbox().peakQueued());
        return true;
    }

    /** {@code peer}'s connection, or null if it has none on this node. */
    public Connection get(String peer) {
        return connections.get(peer);
    }

    /** Whether {@code peer}'s connection is open on this node. */
    public boolean isConnected(String peer) {
        return connections.containsKey(peer);
    }

    /** The connections now, as a copy. */
    public List<Connection> all() {
        return List.copyOf(connections.values());
    }

    /** Drops what is queued for every connection and closes it now; returns how many. */
    public int closeAllNow(Close close) {
        Collection<Connection> all = all();
        all.forEach(connection -> connection.closeNow(close));
        return all.size();
    }

    public int count() {
        return connections.size();
    }

    /** The most messages that ever waited for one receiver on this node, since it started. */
    public long queuePeak() {
        return Math.max(ofOutboxes(Outbox::peakQueued).max().orElse(0), forgottenQueuePeak.get());
    }

    /** Messages waiting to be written, to all the open connections together. */
    public long queued() {
        return ofOutboxes(Outbox::queued).sum();
    }

    /** Messages waiting to be written to the one open connection with the most waiting. */
    public long deepestQueue() {
        return ofOutboxes(Outbox::queued).max().orElse(0);
    }

    private LongStream ofOutboxes(ToLongFunction<Outbox> figure) {
        return connections.values().stream().mapToLong(connection -> figure.applyAsLong(connection.outbox()));
    }
}
