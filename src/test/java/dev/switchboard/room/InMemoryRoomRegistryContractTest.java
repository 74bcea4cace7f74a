package dev.switchboard.room;

/** The registry contract, held by the single node's in-memory registry. */
class InMemoryRoomRegistryContractTest extends RoomRegistryContract {

    @Override
    protected RoomRegistry registry(int capacity, int maxRooms) {
        return new InMemoryRoomRegistry(capacity, maxRooms);
    }
}
