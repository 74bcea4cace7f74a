package dev.switchboard.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The in-memory registry, sized by {@code switchboard.room.capacity} and bounded by {@code switchboard.rooms.max}.
 * Where the cluster package is deployed (the application), its {@code Topology} takes precedence and
 * chooses between this and the registry shared through Redis.
 */
@ApplicationScoped
public class RoomRegistryProducer {

    @Produces
    @Singleton // no client proxy: a proxy of an interface calls through reflection, on every message
    RoomRegistry roomRegistry(
            @ConfigProperty(name = "switchboard.room.capacity", defaultValue = "2") int capacity,
            @ConfigProperty(name = "switchboard.rooms.max", defaultValue = "10000") int maxRooms) {
        return new InMemoryRoomRegistry(capacity, maxRooms);
    }
}
