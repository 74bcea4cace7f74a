package dev.switchboard.endpoint;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.access.AccessControl;
import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.FakeTransport;
import dev.switchboard.metrics.SignalingMetrics;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The threading rule under churn: peers join, relay, leave, log in and out, close and are cut off, on many
 * threads at once (each peer on one thread at a time, as a container calls it), while some receivers stop
 * reading. Every call into a connection is checked: made on a connection thread, holding no lock. And what
 * each peer is told keeps its order: its own entry into a room before anything about that room, and each
 * sender's signals in the order they were sent.
 */
class ThreadingRuleTest {

    private static final int DRIVERS = 6;
    private static final int PEERS_PER_DRIVER = 5;
    private static final int STEPS = 2_000;
    private static final String[] ROOMS = {"r0", "r1", "r2", "r3"};

    private final TestServer server = new TestServer(4, 10_000, 10_000, 64, SignalingMetrics.NONE, TestServer.NO_ICE_SERVERS,
            new AccessControl(null), 30_000);
    private final List<TestClient> everyone = new CopyOnWriteArrayList<>();
    /** A connection that resumed a peer's session, and the one it took over from. */
    private final Map<TestClient, TestClient> resumedFrom = new ConcurrentHashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void decisionsOnlyQueueAndEveryPeerHearsItsRoomInOrder() throws Exception {
        ExecutorService drivers = Executors.newFixedThreadPool(DRIVERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int d = 0; d < DRIVERS; d++) {
                long seed = 20261202L + d;
                running.add(drivers.submit(() -> {
                    start.await();
                    drive(new Random(seed));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> driver : running) {
                driver.get(60, TimeUnit.SECONDS);
            }
        } finally {
            drivers.shutdownNow();
        }
        everyone.forEach(client -> client.connection().closed());
        server.settle();
        // a peer whose held frames overflowed before its resume could take them is still kept: its window ends
        server.resumption.sweep(System.nanoTime() + TimeUnit.SECONDS.toNanos(31));
        server.settle();

        assertEquals(List.of(), server.violations());
        everyone.stream().filter(client -> !resumedFrom.containsValue(client)).forEach(last -> assertHeardInOrder(last, heardBy(last)));
        assertEquals(0, server.rooms.occupancy().rooms(), "rooms left");
        assertEquals(0, server.directory.count(), "logins left");
        assertEquals(0, server.peers.count(), "connections left");
        assertEquals(0, server.limits.admitted(), "places not given back");
        assertTrue(everyone.size() > DRIVERS * PEERS_PER_DRIVER, "peers came and went");
        assertTrue(resumedFrom.size() > 10, "peers resumed: " + resumedFrom.size());
    }

    /** One container thread's share: its own peers, each acted on by this thread only. */
    private void drive(Random random) {
        List<TestClient> mine = new ArrayList<>();
        for (int p = 0; p < PEERS_PER_DRIVER; p++) {
            mine.add(newPeer(random));
        }
        Map<String, Integer> sent = new HashMap<>(); // by peer id: a resumed peer numbers on
        for (int step = 0; step < STEPS; step++) {
            int index = random.nextInt(mine.size());
            TestClient peer = mine.get(index);
            int action = random.nextInt(100);
            if (action < 25) {
                peer.send("{\"type\":\"create-or-join\",\"room\":\"" + ROOMS[random.nextInt(ROOMS.length)] + "\"}");
            } else if (action < 70) {
                int n = sent.merge(peer.peer(), 1, Integer::sum);
                peer.send("{\"type\":\"offer\",\"sdp\":\"" + peer.peer() + ":" + n + "\"}");
            } else if (action < 80) {
                peer.send("{\"type\":\"leave\"}");
            } else if (action < 86) {
                peer.send("{\"type\":\"login\",\"name\":\"n" + peer.peer().substring(0, 8) + "\"}");
            } else if (action < 90) {
                peer.send("{\"type\":\"logout\"}");
            } else {
                // a receiver that stopped reading may never be handed its welcome: it just goes
                if (action < 93 || peer.transport().completion() == FakeTransport.Completion.MANUAL) {
                    peer.connection().closed(); // the client went away
                } else if (action < 96) {
                    // Its welcome or resumed carries the token (after a resume-failed error, if it tried and failed),
                    // unless the server cut it off first (a resumed peer whose held frames filled its queue).
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> tokenOf(peer).isPresent() || peer.connection().hasEnded());
                    Optional<String> token = tokenOf(peer);
                    if (token.isPresent()) {
                        peer.connection().lost(); // the network dropped it; it comes back at once
                        TestClient again = server.resume(token.get());
                        everyone.add(again);
                        resumedFrom.put(again, peer);
                        mine.set(index, again);
                        continue;
                    }
                    peer.connection().closed();
                } else {
                    peer.connection().closeNow(CloseCodes.abusive()); // cut off by the server
                }
                mine.set(index, newPeer(random));
            }
        }
    }

    /** A new peer; one in five stops reading at once, and is cut off once its queue is full. */
    private TestClient newPeer(Random random) {
        FakeTransport.Completion completion = random.nextInt(5) == 0
                ? FakeTransport.Completion.MANUAL : FakeTransport.Completion.ASYNC;
        TestClient client = server.connect("192.0.2." + random.nextInt(200), completion);
        everyone.add(client);
        return client;
    }

    private static Optional<String> tokenOf(TestClient client) {
        return client.received().stream().filter(m -> m.containsKey("resumeToken")).map(m -> m.getString("resumeToken")).findFirst();
    }

    /** What a peer heard on all its connections, oldest first: each resume's connection carries on from the last. */
    private List<JsonObject> heardBy(TestClient last) {
        List<JsonObject> heard = new ArrayList<>(last.received());
        for (TestClient before = resumedFrom.get(last); before != null; before = resumedFrom.get(before)) {
            heard.addAll(0, before.received());
        }
        return heard;
    }

    /**
     * Everything about a room reaches a peer after its own entry into that room, before its entry into the
     * next, and each sender's signals arrive in the order sent.
     */
    private static void assertHeardInOrder(TestClient client, List<JsonObject> heard) {
        String current = null;
        Map<String, Integer> lastFrom = new HashMap<>();
        for (JsonObject message : heard) {
            String type = message.getString("type");
            switch (type) {
                case "created", "joined" -> current = message.getString("room");
                case "peer-joined", "peer-left", "peer-away", "peer-back" -> assertEquals(current, message.getString("room"),
                        () -> client.peer() + " heard " + message + " while in " + client.types());
                case "offer" -> {
                    assertEquals(current, message.getString("room"), () -> client.peer() + " heard " + message + " in "
                            + heard.stream().map(m -> m.getString("type") + ":" + m.getString("room", "") + ":" + m.getString("sdp", "")).toList());
                    String[] senderAndNumber = message.getString("sdp").split(":");
                    int previous = lastFrom.getOrDefault(senderAndNumber[0], 0);
                    int n = Integer.parseInt(senderAndNumber[1]);
                    assertTrue(n > previous, () -> "signals of " + senderAndNumber[0] + " out of order at " + message);
                    lastFrom.put(senderAndNumber[0], n);
                }
                default -> {
                }
            }
        }
    }
}
