package dev.switchboard.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses the registry implementation; today the in-memory one, sized by {@code switchboard.room.capacity}
 * and bounded by {@code switchboard.rooms.max}.
 */
@ApplicationScoped
public class RoomRegistryProducer {

    @Produces
    @ApplicationScoped
    RoomRegistry roomRegistry(
            @ConfigProperty(name = "switchboard.room.capacity", defaultValue = "2") int capacity,
            @ConfigProperty(name = "switchboard.rooms.max", defaultValue = "10000") int maxRooms) {
        return new InMemoryRoomRegistry(capacity, maxRooms);
    }
}
