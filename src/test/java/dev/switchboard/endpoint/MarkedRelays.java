package dev.switchboard.endpoint;

import dev.switchboard.connection.Connection;
import dev.switchboard.resume.Relays;
import jakarta.enterprise.inject.Vetoed;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Relays} for tests without a cluster: the connections a test marks end as relays do. Vetoed: tests
 * construct it, and the Arquillian archives, which take this package whole, must not find a second Relays bean.
 */
@Vetoed
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
