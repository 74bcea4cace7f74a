package dev.switchboard.endpoint;

import dev.switchboard.connection.Connection;
import dev.switchboard.resume.Relays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Relays} for tests without a cluster: the connections a test marks end as relays do. */
public final class MarkedRelays extends Relays {

    private final Set<Connection> marked = ConcurrentHashMap.newKeySet();

    /** {@code connection} is a relay from now on: its ending is the relay's. */
    public void mark(Connection connection) {
        marked.add(connection);
    }

    @Override
    public boolean ended(Connection connection, Connection.End end) {
        return marked.remove(connection);
    }
}
