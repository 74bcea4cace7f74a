package dev.switchboard.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryRoomRegistryTest {

    private final InMemoryRoomRegistry registry = new InMemoryRoomRegistry(2, Integer.MAX_VALUE);

    @Test
    void createMakesTheCreatorTheOnlyMember() {
        assertEquals(new JoinOutcome.Created("r"), registry.create("r", "a"));
        assertEquals(Optional.of(new Room("r", List.of("a"))), registry.roomOf("a"));
    }

    @Test
    void createOfAnExistingRoomIsRefused() {
        registry.create("r", "a");
        assertEquals(new JoinOutcome.RoomExists("r"), registry.create("r", "b"));
        assertTrue(registry.roomOf("b").isEmpty());
    }

    @Test
    void joinAddsToTheRoomAndListsTheMembersAlreadyThere() {
        registry.create("r", "a");
        assertEquals(new JoinOutcome.Joined("r", List.of("a")), registry.join("r", "b"));
        assertEquals(List.of("a", "b"), registry.roomOf("b").orElseThrow().members());
    }

    @Test
    void joinOfAMissingRoomIsEmptyAndCreatesNothing() {
        assertEquals(new JoinOutcome.Empty("r"), registry.join("r", "a"));
        assertEquals(new Occupancy(0, 0), registry.occupancy());
    }

    @Test
    void joinBeyondCapacityIsFull() {
        registry.create("r", "a");
        registry.join("r", "b");
        assertEquals(new JoinOutcome.Full("r"), registry.join("r", "c"));
        assertEquals(List.of("a", "b"), registry.roomOf("a").orElseThrow().members());
        assertTrue(registry.roomOf("c").isEmpty());
    }

    @Test
    void createOrJoinCreatesThenJoinsThenIsFull() {
        assertInstanceOf(JoinOutcome.Created.class, registry.createOrJoin("r", "a"));
        assertInstanceOf(JoinOutcome.Joined.class, registry.createOrJoin("r", "b"));
        assertInstanceOf(JoinOutcome.Full.class, registry.createOrJoin("r", "c"));
    }

    @Test
    void aPeerIsInAtMostOneRoom() {
        registry.create("r1", "a");
        assertEquals(new JoinOutcome.AlreadyInRoom("r1"), registry.create("r2", "a"));
        assertEquals(new JoinOutcome.AlreadyInRoom("r1"), registry.createOrJoin("r1", "a"));
        assertEquals(new Occupancy(1, 1), registry.occupancy());
    }

    @Test
    void leaveReportsTheRemainingMembers() {
        registry.create("r", "a");
        registry.join("r", "b");
        assertEquals(Optional.of(new Departure("r", List.of("b"))), registry.leave("a"));
        assertTrue(registry.roomOf("a").isEmpty());
    }

    @Test
    void lastLeaveRemovesTheRoomSoItCanBeCreatedAgain() {
        registry.create("r", "a");
        assertEquals(Optional.of(new Departure("r", List.of())), registry.leave("a"));
        assertEquals(new Occupancy(0, 0), registry.occupancy());
        assertEquals(new JoinOutcome.Created("r"), registry.create("r", "b"));
    }

    @Test
    void leaveWithoutARoomIsEmpty() {
        assertTrue(registry.leave("nobody").isEmpty());
    }

    @Test
    void aSlotFreedByLeaveCanBeTaken() {
        registry.create("r", "a");
        registry.join("r", "b");
        registry.leave("a");
        assertEquals(new JoinOutcome.Joined("r", List.of("b")), registry.join("r", "c"));
    }

    @Test
    void roomsLargerThanTwoAdmitUpToTheirCapacity() {
        InMemoryRoomRegistry big = new InMemoryRoomRegistry(4, Integer.MAX_VALUE);
        big.create("r", "a");
        assertEquals(new JoinOutcome.Joined("r", List.of("a")), big.join("r", "b"));
        assertEquals(new JoinOutcome.Joined("r", List.of("a", "b")), big.join("r", "c"));
        assertEquals(new JoinOutcome.Joined("r", List.of("a", "b", "c")), big.join("r", "d"));
        assertEquals(new JoinOutcome.Full("r"), big.join("r", "e"));
        assertEquals(4, big.capacity());
    }

    @Test
    void creatingARoomPastTheRoomLimitIsRefusedUntilOneCloses() {
        InMemoryRoomRegistry bounded = new InMemoryRoomRegistry(2, 2);
        bounded.create("r1", "a");
        bounded.createOrJoin("r2", "b");
        assertEquals(new JoinOutcome.TooManyRooms("r3"), bounded.createOrJoin("r3", "c"));
        assertEquals(new JoinOutcome.Joined("r1", List.of("a")), bounded.join("r1", "c"), "joining is not creating");
        assertEquals(new Occupancy(2, 3), bounded.occupancy());
        bounded.leave("b");
        assertEquals(new JoinOutcome.Created("r3"), bounded.create("r3", "d"));
    }

    @Test
    void capacityBelowTwoIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryRoomRegistry(1, Integer.MAX_VALUE));
    }

    @Test
    void invalidRoomNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> registry.create("bad name", "a"));
    }
}
