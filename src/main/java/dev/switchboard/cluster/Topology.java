package dev.switchboard.cluster;

import dev.switchboard.directory.Directory;
import dev.switchboard.directory.InMemoryDirectory;
import dev.switchboard.room.InMemoryRoomRegistry;
import dev.switchboard.room.RoomRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses between one node and a cluster: the in-memory registry and directory (exactly as the room and
 * directory packages' own producers make them, which serve where this package is not deployed), or the
 * ones shared through Redis when {@code switchboard.cluster.redis-uri} is set. An alternative, so that these
 * producers take precedence over those.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class Topology {

    private RoomRegistry rooms;
    private Directory directory;
    private RedisRoomRegistry sharedRooms;
    private RedisDirectory sharedDirectory;

    protected Topology() { // for the CDI proxy
    }

    @Inject
    public Topology(Backplane backplane,
            @ConfigProperty(name = "switchboard.room.capacity", defaultValue = "2") int capacity,
            @ConfigProperty(name = "switchboard.rooms.max", defaultValue = "10000") int maxRooms,
            @ConfigProperty(name = "switchboard.directory.max-online", defaultValue = "10000") int maxOnline) {
        if (backplane.enabled()) {
            sharedRooms = new RedisRoomRegistry(backplane, capacity, maxRooms);
            sharedDirectory = new RedisDirectory(backplane, maxOnline);
            rooms = sharedRooms;
            directory = sharedDirectory;
        } else {
            rooms = new InMemoryRoomRegistry(capacity, maxRooms);
            directory = new InMemoryDirectory(maxOnline);
        }
    }

    @Produces
    @Singleton // no client proxy: a proxy of an interface calls through reflection, on every message
    RoomRegistry roomRegistry() {
        return rooms;
    }

    @Produces
    @Singleton // no client proxy: a proxy of an interface calls through reflection, on every message
    Directory directory() {
        return directory;
    }

    /** The shared registry; null on a single node. */
    RedisRoomRegistry sharedRooms() {
        return sharedRooms;
    }

    /** The shared directory; null on a single node. */
    RedisDirectory sharedDirectory() {
        return sharedDirectory;
    }
}
