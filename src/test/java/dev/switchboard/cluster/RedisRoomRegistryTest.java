package dev.switchboard.cluster;

import dev.switchboard.room.RoomRegistry;
import dev.switchboard.room.RoomRegistryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry contract, held by the cluster's registry against a real redis-server. */
class RedisRoomRegistryTest extends RoomRegistryContract {

    @RegisterExtension
    static final TestNodes nodes = new TestNodes();

    @Override
    protected RoomRegistry registry(int capacity, int maxRooms) {
        return new RedisRoomRegistry(nodes.node(), capacity, maxRooms);
    }
}
