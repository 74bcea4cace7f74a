package dev.switchboard.admission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many connections this server holds, in all and per client address. A connection takes a place when
 * it opens ({@link #admit}) and gives it back when it has been cleaned up ({@link #release}); both counts
 * are taken atomically, so racing connections cannot pass a limit together.
 */
@ApplicationScoped
public class ConnectionLimits {

    private int maxConnections;
    private AddressLimit perAddress;
    private final AtomicInteger admitted = new AtomicInteger();

    protected ConnectionLimits() { // for the CDI proxy
    }

    @Inject
    public ConnectionLimits(
            @ConfigProperty(name = "switchboard.connections.max", defaultValue = "10000") int maxConnections,
            // generous: a whole office or a mobile carrier's NAT can share one address
            @ConfigProperty(name = "switchboard.connections.max-per-address", defaultValue = "256") int maxPerAddress) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("switchboard.connections.max must be at least 1");
        }
        this.maxConnections = maxConnections;
        this.perAddress = new AddressLimit(maxPerAddress);
    }

    /**
     * Takes a place for a new connection from {@code address} (null: unknown, counted in the total only).
     * Empty when admitted; otherwise why not, and no place is taken.
     */
    public Optional<ConnectionRejection> admit(String address) {
        if (address != null && !perAddress.tryAcquire(address)) {
            return Optional.of(ConnectionRejection.ADDRESS_LIMIT);
        }
        if (admitted.incrementAndGet() > maxConnections) {
            release(address);
            return Optional.of(ConnectionRejection.SERVER_FULL);
        }
        return Optional.empty();
    }

    /** Gives back the place of an admitted connection from {@code address}. */
    public void release(String address) {
        admitted.decrementAndGet();
        if (address != null) {
            perAddress.release(address);
        }
    }

    /** Connections admitted and not yet released. */
    public int admitted() {
        return admitted.get();
    }
}
