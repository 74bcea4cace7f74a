package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Black-box: clients racing into one room over real connections never overfill it. */
class JoinRaceIT {

    private static final int RACES = 1_000;
    private static final int RACERS = 4;

    @AfterAll
    static void nothingLeaks() throws Exception {
        ServerUnderTest.awaitNoRoomsAndNoConnections();
        JsonObject left = ServerUnderTest.registryData();
        Figures.record("JoinRaceIT", "rooms and connections left after the races (orphans)",
                ServerUnderTest.count(left, "rooms") + " rooms, " + ServerUnderTest.count(left, "connections") + " connections");
    }

    @Test
    void racingCreateOrJoinAdmitsExactlyCapacity() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        int overfilled = 0;
        try {
            for (int race = 0; race < RACES; race++) {
                String room = uniqueRoom();
                List<TestPeer> peers = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    peers.add(TestPeer.connect());
                }
                try {
                    CyclicBarrier start = new CyclicBarrier(RACERS);
                    List<Future<String>> outcomes = new ArrayList<>();
                    for (TestPeer peer : peers) {
                        outcomes.add(pool.submit(() -> {
                            start.await(10, TimeUnit.SECONDS);
                            peer.request("create-or-join", room);
                            return peer.next().getString("type");
                        }));
                    }
                    Map<String, Integer> tally = new HashMap<>();
                    for (Future<String> outcome : outcomes) {
                        tally.merge(outcome.get(20, TimeUnit.SECONDS), 1, Integer::sum);
                    }
                    if (tally.getOrDefault("created", 0) + tally.getOrDefault("joined", 0) > 2) {
                        overfilled++;
                    }
                    assertEquals(Map.of("created", 1, "joined", 1, "full", RACERS - 2), tally, "race " + race);
                } finally {
                    peers.forEach(TestPeer::close);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Figures.record("JoinRaceIT", "create-or-join races of " + RACERS + " connections: over-capacity rooms",
                RACES + " races: " + overfilled);
    }
}
