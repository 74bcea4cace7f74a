package dev.switchboard.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chooses the registry implementation; today the in-memory one, sized by {@code switchboard.room.capacity}. */
@ApplicationScoped
public class RoomRegistryProducer {

    @Produces
    @ApplicationScoped
    RoomRegistry roomRegistry(@ConfigProperty(name = "switchboard.room.capacity", defaultValue = "2") int capacity) {
        return new InMemoryRoomRegistry(capacity);
    }
}
