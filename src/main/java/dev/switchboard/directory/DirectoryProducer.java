package dev.switchboard.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chooses the directory implementation; today the in-memory one, bounded by {@code switchboard.directory.max-online}. */
@ApplicationScoped
public class DirectoryProducer {

    @Produces
    @ApplicationScoped
    Directory directory(@ConfigProperty(name = "switchboard.directory.max-online", defaultValue = "10000") int maxOnline) {
        return new InMemoryDirectory(maxOnline);
    }
}
