package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        Figures.record("JoinRaceIT", "rooms and connections left after the races (orphans)", 0);
    }

    @Test
    void racingCreateOrJoinAdmitsExactlyCapacity() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
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
                    assertEquals(Map.of("created", 1, "joined", 1, "full", RACERS - 2), tally, "race " + race);
                    if (race == RACES - 1) {
                        Figures.record("JoinRaceIT", "create-or-join races of " + RACERS + " connections: over-capacity rooms",
                                RACES + " races: 0");
                    }
                } finally {
                    peers.forEach(TestPeer::close);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
