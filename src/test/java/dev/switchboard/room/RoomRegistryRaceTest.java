package dev.switchboard.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry's invariants under threads that race on the same room. */
class RoomRegistryRaceTest {

    private static final int RACES = 1_000;
    private static final int RACERS = 6;

    private final ExecutorService pool = Executors.newFixedThreadPool(RACERS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Runs {@code attempt} for racers 0..RACERS-1 released at the same instant; returns the outcomes. */
    private List<JoinOutcome> race(Function<String, JoinOutcome> attempt) throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        List<Future<JoinOutcome>> futures = new ArrayList<>();
        for (int racer = 0; racer < RACERS; racer++) {
            String peer = "peer-" + racer;
            Callable<JoinOutcome> task = () -> {
                start.await(10, TimeUnit.SECONDS);
                return attempt.apply(peer);
            };
            futures.add(pool.submit(task));
        }
        List<JoinOutcome> outcomes = new ArrayList<>();
        for (Future<JoinOutcome> future : futures) {
            outcomes.add(future.get(10, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static Map<Class<?>, Long> tally(List<JoinOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
    }

    @Test
    void createOrJoinRacesAdmitExactlyCapacityAndOneCreator() throws Exception {
        for (int capacity : new int[] {2, 3}) {
            for (int i = 0; i < RACES; i++) {
                InMemoryRoomRegistry registry = new InMemoryRoomRegistry(capacity, Integer.MAX_VALUE);
                Map<Class<?>, Long> tally = tally(race(peer -> registry.createOrJoin("room", peer)));
                assertEquals(1L, tally.get(JoinOutcome.Created.class), "creators in race " + i);
                assertEquals(capacity - 1L, tally.get(JoinOutcome.Joined.class), "joiners in race " + i);
                assertEquals((long) RACERS - capacity, tally.get(JoinOutcome.Full.class), "refused in race " + i);
                assertEquals(new Occupancy(1, capacity), registry.occupancy(), "rooms and members in race " + i);
            }
        }
    }

    @Test
    void joinRacesOnAnExistingRoomNeverExceedCapacity() throws Exception {
        for (int i = 0; i < RACES; i++) {
            InMemoryRoomRegistry registry = new InMemoryRoomRegistry(2, Integer.MAX_VALUE);
            registry.create("room", "owner");
            Map<Class<?>, Long> tally = tally(race(peer -> registry.join("room", peer)));
            assertEquals(1L, tally.get(JoinOutcome.Joined.class), "joiners in race " + i);
            assertEquals(RACERS - 1L, tally.get(JoinOutcome.Full.class), "refused in race " + i);
            assertEquals(new Occupancy(1, 2), registry.occupancy());
        }
    }

    @Test
    void createRacesCreateTheRoomOnce() throws Exception {
        for (int i = 0; i < RACES; i++) {
            InMemoryRoomRegistry registry = new InMemoryRoomRegistry(2, Integer.MAX_VALUE);
            Map<Class<?>, Long> tally = tally(race(peer -> registry.create("room", peer)));
            assertEquals(1L, tally.get(JoinOutcome.Created.class), "creators in race " + i);
            assertEquals(RACERS - 1L, tally.get(JoinOutcome.RoomExists.class), "refused in race " + i);
        }
    }

    @Test
    void onePeerEnteringManyRoomsAtOnceEndsUpInOne() throws Exception {
        for (int i = 0; i < RACES; i++) {
            InMemoryRoomRegistry registry = new InMemoryRoomRegistry(2, Integer.MAX_VALUE);
            // every racer is the same peer, each aiming at its own room
            Map<Class<?>, Long> tally = tally(race(racer -> registry.createOrJoin("room-" + racer, "same-peer")));
            assertEquals(1L, tally.get(JoinOutcome.Created.class), "rooms entered in race " + i);
            assertEquals(RACERS - 1L, tally.get(JoinOutcome.AlreadyInRoom.class), "refused in race " + i);
            assertEquals(new Occupancy(1, 1), registry.occupancy(), "no orphan room in race " + i);
        }
    }

    @Test
    void racingCreationsOfDifferentRoomsNeverPassTheRoomLimit() throws Exception {
        for (int i = 0; i < RACES; i++) {
            InMemoryRoomRegistry registry = new InMemoryRoomRegistry(2, RACERS / 2);
            Map<Class<?>, Long> tally = tally(race(racer -> registry.createOrJoin(racer, racer)));
            assertEquals(RACERS / 2L, tally.get(JoinOutcome.Created.class), "rooms created in race " + i);
            assertEquals(RACERS - RACERS / 2L, tally.get(JoinOutcome.TooManyRooms.class), "refused in race " + i);
            assertEquals(new Occupancy(RACERS / 2, RACERS / 2), registry.occupancy(), "race " + i);
        }
    }

    @Test
    void churnOfJoinsAndLeavesLeavesNothingBehindAndNeverOverfills() throws Exception {
        InMemoryRoomRegistry registry = new InMemoryRoomRegistry(2, Integer.MAX_VALUE);
        Map<String, Integer> maxSeen = new ConcurrentHashMap<>();
        List<Future<?>> workers = new ArrayList<>();
        for (int worker = 0; worker < RACERS; worker++) {
            String peer = "peer-" + worker;
            workers.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int step = 0; step < 20_000; step++) {
                    String room = "room-" + random.nextInt(3);
                    JoinOutcome outcome = random.nextBoolean()
                            ? registry.createOrJoin(room, peer) : registry.join(room, peer);
                    registry.roomOf(peer).ifPresent(r -> maxSeen.merge(r.name(), r.members().size(), Math::max));
                    if (outcome instanceof JoinOutcome.Created || outcome instanceof JoinOutcome.Joined) {
                        assertTrue(registry.leave(peer).isPresent());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        assertEquals(new Occupancy(0, 0), registry.occupancy(), "rooms and members left behind");
        maxSeen.forEach((room, max) -> assertTrue(max <= 2, room + " reached " + max + " members"));
        assertTrue(!maxSeen.isEmpty());
    }
}
