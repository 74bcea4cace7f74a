package dev.switchboard.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomRegistry} must do, whatever stores it: the interface's documented invariants, alone
 * and under racing threads. Each implementation's test extends this with a way to make a fresh registry.
 */
public abstract class RoomRegistryContract {

    protected static final int RACES = 300;
    private static final int RACERS = 6;

    private final ExecutorService pool = Executors.newFixedThreadPool(RACERS);

    /** A new, empty registry; {@code maxRooms} bounds the rooms it holds at once. */
    protected abstract RoomRegistry registry(int capacity, int maxRooms);

    @AfterEach
    public void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private RoomRegistry pairs() {
        return registry(2, Integer.MAX_VALUE);
    }

    @Test
    public void createMakesTheCreatorTheOnlyMember() {
        RoomRegistry registry = pairs();
        assertEquals(new JoinOutcome.Created("r"), registry.create("r", "a"));
        assertEquals(Optional.of(new Room("r", List.of("a"))), registry.roomOf("a"));
        assertEquals(new Occupancy(1, 1), registry.occupancy());
    }

    @Test
    public void aRoomIsCreatedOnceAndJoinedUpToItsCapacity() {
        RoomRegistry registry = registry(3, Integer.MAX_VALUE);
        assertEquals(new JoinOutcome.Created("r"), registry.createOrJoin("r", "a"));
        assertEquals(new JoinOutcome.RoomExists("r"), registry.create("r", "x"));
        assertEquals(new JoinOutcome.Joined("r", List.of("a")), registry.join("r", "b"));
        assertEquals(new JoinOutcome.Joined("r", List.of("a", "b")), registry.createOrJoin("r", "c"));
        assertEquals(new JoinOutcome.Full("r"), registry.join("r", "d"));
        assertEquals(List.of("a", "b", "c"), registry.roomOf("c").orElseThrow().members());
        assertTrue(registry.roomOf("d").isEmpty());
        assertEquals(3, registry.capacity());
    }

    @Test
    public void joinOfAMissingRoomIsEmptyAndCreatesNothing() {
        RoomRegistry registry = pairs();
        assertEquals(new JoinOutcome.Empty("r"), registry.join("r", "a"));
        assertEquals(new Occupancy(0, 0), registry.occupancy());
        assertTrue(registry.roomOf("a").isEmpty());
    }

    @Test
    public void aPeerIsInAtMostOneRoom() {
        RoomRegistry registry = pairs();
        registry.create("r1", "a");
        assertEquals(new JoinOutcome.AlreadyInRoom("r1"), registry.create("r2", "a"));
        assertEquals(new JoinOutcome.AlreadyInRoom("r1"), registry.createOrJoin("r1", "a"));
        assertEquals(new Occupancy(1, 1), registry.occupancy());
    }

    @Test
    public void leaveReportsTheRemainingMembersAndTheLastLeaveRemovesTheRoom() {
        RoomRegistry registry = pairs();
        registry.create("r", "a");
        registry.join("r", "b");
        assertEquals(Optional.of(new Departure("r", List.of("b"))), registry.leave("a"));
        assertTrue(registry.roomOf("a").isEmpty());
        assertEquals(new JoinOutcome.Joined("r", List.of("b")), registry.join("r", "c"), "the freed place is taken");
        registry.leave("c");
        assertEquals(Optional.of(new Departure("r", List.of())), registry.leave("b"));
        assertEquals(new Occupancy(0, 0), registry.occupancy());
        assertEquals(new JoinOutcome.Empty("r"), registry.join("r", "d"));
        assertEquals(new JoinOutcome.Created("r"), registry.create("r", "d"), "created anew");
        assertTrue(registry.leave("nobody").isEmpty());
    }

    @Test
    public void creatingPastTheRoomLimitIsRefusedUntilOneCloses() {
        RoomRegistry registry = registry(2, 2);
        registry.create("r1", "a");
        registry.createOrJoin("r2", "b");
        assertEquals(new JoinOutcome.TooManyRooms("r3"), registry.createOrJoin("r3", "c"));
        assertEquals(new JoinOutcome.Joined("r1", List.of("a")), registry.join("r1", "c"), "joining is not creating");
        registry.leave("b");
        assertEquals(new JoinOutcome.Created("r3"), registry.create("r3", "d"));
    }

    /** Runs {@code attempt} for racers 0..RACERS-1 released at the same instant; returns the outcomes. */
    private Map<Class<?>, Long> race(Function<Integer, JoinOutcome> attempt) throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        List<Future<JoinOutcome>> futures = new ArrayList<>();
        for (int racer = 0; racer < RACERS; racer++) {
            int index = racer;
            Callable<JoinOutcome> task = () -> {
                start.await(10, TimeUnit.SECONDS);
                return attempt.apply(index);
            };
            futures.add(pool.submit(task));
        }
        List<JoinOutcome> outcomes = new ArrayList<>();
        for (Future<JoinOutcome> future : futures) {
            outcomes.add(future.get(20, TimeUnit.SECONDS));
        }
        return outcomes.stream().collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
    }

    @Test
    public void racingEntriesAdmitExactlyCapacityAndOneCreatorAndLeaveNothingBehind() throws Exception {
        RoomRegistry registry = registry(3, Integer.MAX_VALUE);
        for (int i = 0; i < RACES; i++) {
            String room = "room-" + i;
            Map<Class<?>, Long> tally = race(racer -> registry.createOrJoin(room, "p" + racer + "-" + room));
            assertEquals(1L, tally.get(JoinOutcome.Created.class), "creators in race " + i);
            assertEquals(2L, tally.get(JoinOutcome.Joined.class), "joiners in race " + i);
            assertEquals(RACERS - 3L, tally.get(JoinOutcome.Full.class), "refused in race " + i);
            List<String> members = registry.roomOf("p0-" + room).or(() -> registry.roomOf("p1-" + room))
                    .or(() -> registry.roomOf("p2-" + room)).or(() -> registry.roomOf("p3-" + room))
                    .orElseThrow().members();
            assertEquals(3, members.size(), "members in race " + i);
            members.forEach(registry::leave);
        }
        assertEquals(new Occupancy(0, 0), registry.occupancy(), "rooms or members left behind");
    }

    @Test
    public void onePeerEnteringManyRoomsAtOnceEndsUpInOne() throws Exception {
        RoomRegistry registry = pairs();
        for (int i = 0; i < RACES; i++) {
            String peer = "same-" + i;
            Map<Class<?>, Long> tally = race(racer -> registry.createOrJoin("r" + racer, peer));
            assertEquals(1L, tally.get(JoinOutcome.Created.class), "rooms entered in race " + i);
            assertEquals(RACERS - 1L, tally.get(JoinOutcome.AlreadyInRoom.class), "refused in race " + i);
            assertEquals(new Occupancy(1, 1), registry.occupancy(), "no orphan room in race " + i);
            registry.leave(peer);
        }
    }

    @Test
    public void racingCreationsOfDifferentRoomsNeverPassTheRoomLimit() throws Exception {
        RoomRegistry registry = registry(2, RACERS / 2);
        for (int i = 0; i < RACES; i++) {
            int race = i;
            Map<Class<?>, Long> tally = race(racer -> registry.createOrJoin("r" + racer, "p" + racer + "-" + race));
            assertEquals(RACERS / 2L, tally.get(JoinOutcome.Created.class), "rooms created in race " + i);
            assertEquals(RACERS - RACERS / 2L, tally.get(JoinOutcome.TooManyRooms.class), "refused in race " + i);
            for (int racer = 0; racer < RACERS; racer++) {
                registry.leave("p" + racer + "-" + race);
            }
            assertEquals(new Occupancy(0, 0), registry.occupancy(), "race " + i);
        }
    }
}
