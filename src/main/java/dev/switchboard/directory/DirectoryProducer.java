package dev.switchboard.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The in-memory directory, bounded by {@code switchboard.directory.max-online}. Where the cluster package is
 * deployed (the application), its {@code Topology} takes precedence and chooses between this and Redis.
 */
@ApplicationScoped
public class DirectoryProducer {

    @Produces
    @Singleton // no client proxy: a proxy of an interface calls through reflection, on every message
    Directory directory(@ConfigProperty(name = "switchboard.directory.max-online", defaultValue = "10000") int maxOnline) {
        return new InMemoryDirectory(maxOnline);
    }
}
