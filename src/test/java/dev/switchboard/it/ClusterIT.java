package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box, on two Liberty servers (two nodes) sharing a real redis-server: peers on different nodes meet
 * in rooms, signal in order, race for places, and find each other in the directory, as on one server; a
 * peer dropped on one node resumes on the other.
 */
class ClusterIT {

    private static final int RACES = 1_000;
    private static final int SIGNALS = 300;
    private static final int ROUNDS = 100;
    /** Longer than {@link #STALL_MS} and a liveness round: a stalled Redis must not make the nodes take each other for dead. */
    private static final long NODE_TTL_MS = 6000;
    private static final long STALL_MS = 2500;
    private static ClusterNodes cluster;
    private static LibertyServer one;
    private static LibertyServer two;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ClusterNodes.start(NODE_TTL_MS, "clusterNode1", "clusterNode2");
        one = cluster.server(0);
        two = cluster.server(1);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void bothNodesAreReadyWithTheirBackplaneUp() {
        for (LibertyServer node : List.of(one, two)) {
            assertTrue(ClusterNodes.ready(node, data -> "up".equals(data.getString("cluster")), 200), node.httpUri("/").toString());
        }
        assertEquals("2", cluster.redis("SCARD", "switchboard:nodes"), "both nodes registered");
    }

    @Test
    void peersOnTwoNodesMeetInOneRoomAndSignalEachOtherInOrder() {
        String room = ServerUnderTest.uniqueRoom();
        try (TestPeer a = TestPeer.connect(one); TestPeer b = TestPeer.connect(two)) {
            assertTrue(a.peerId().matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{11}"), a.peerId());
            assertTrue(!a.peerId().substring(23).equals(b.peerId().substring(23)), "two nodes, two node ids");
            a.request("create", room);
            a.next("created");
            b.request("join", room);
            JsonObject joined = b.next("joined");
            assertEquals(List.of(a.peerId()), joined.getJsonArray("peers").getValuesAs(jakarta.json.JsonString.class)
                    .stream().map(jakarta.json.JsonString::getString).toList());
            assertEquals(b.peerId(), a.next("peer-joined").getString("peerId"));

            a.send(Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0 offer").build());
            JsonObject offer = b.next("offer");
            assertEquals(a.peerId(), offer.getString("from"));
            assertEquals(room, offer.getString("room"));
            b.send(Json.createObjectBuilder().add("type", "answer").add("sdp", "v=0 answer").build());
            assertEquals("v=0 answer", a.next("answer").getString("sdp"));
            for (int i = 0; i < SIGNALS; i++) { // both ways at once: each direction must keep its order
                a.send(candidate(i));
                b.send(candidate(i));
            }
            for (TestPeer receiver : List.of(a, b)) {
                for (int i = 0; i < SIGNALS; i++) {
                    JsonObject candidate = receiver.next("candidate");
                    assertEquals(i, candidate.getInt("id"), "candidate order at " + receiver.peerId());
                    assertEquals("candidate:" + i + " 1 udp 2122260223 127.0.0.1 5000 typ host",
                            candidate.getJsonObject("candidate").getString("candidate"));
                }
            }
            Figures.record("ClusterIT", "candidates relayed across nodes, each way, in order", SIGNALS + ", 0 out of order");

            for (LibertyServer node : List.of(one, two)) {
                try (TestPeer third = TestPeer.connect(node)) {
                    third.request("create-or-join", room);
                    third.next("full");
                }
            }
            b.request("leave", room);
            JsonObject left = a.next("peer-left");
            assertEquals(b.peerId(), left.getString("peerId"));
            assertEquals("left", left.getString("reason"));
        }
    }

    private static String candidate(int i) {
        return Json.createObjectBuilder().add("type", "candidate").add("id", i)
                .add("candidate", Json.createObjectBuilder()
                        .add("candidate", "candidate:" + i + " 1 udp 2122260223 127.0.0.1 5000 typ host")
                        .add("sdpMid", "0").add("sdpMLineIndex", 0))
                .build().toString();
    }

    @Test
    void racesForOneRoomFromBothNodesNeverOverfillItNorLeaveOrphans() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        try {
            for (int race = 0; race < RACES; race++) {
                String room = ServerUnderTest.uniqueRoom();
                List<TestPeer> peers = List.of(TestPeer.connect(one), TestPeer.connect(two),
                        TestPeer.connect(one), TestPeer.connect(two));
                try {
                    CyclicBarrier go = new CyclicBarrier(peers.size());
                    List<Future<String>> outcomes = new ArrayList<>();
                    for (TestPeer peer : peers) {
                        outcomes.add(pool.submit(() -> {
                            go.await(10, TimeUnit.SECONDS);
                            peer.request("create-or-join", room);
                            return peer.next().getString("type");
                        }));
                    }
                    Map<String, Integer> tally = new HashMap<>();
                    for (Future<String> outcome : outcomes) {
                        tally.merge(outcome.get(20, TimeUnit.SECONDS), 1, Integer::sum);
                    }
                    assertEquals(Map.of("created", 1, "joined", 1, "full", 2), tally, "race " + race);
                } finally {
                    peers.forEach(TestPeer::close);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        // The closes are asynchronous: every room must go with its last member.
        ClusterNodes.await(() -> "0".equals(cluster.redis("SCARD", "switchboard:rooms"))
                && cluster.redis("KEYS", "switchboard:room:*").isEmpty(), 30, "no room left in Redis");
        for (LibertyServer node : List.of(one, two)) {
            ClusterNodes.await(() -> ClusterNodes.ready(node, data -> data.getInt("rooms") == 0
                    && data.getInt("peers-in-rooms") == 0 && data.getInt("connections") == 0, 200), 30,
                    "no room or connection left on " + node.httpUri("/"));
        }
        Figures.record("ClusterIT", "create-or-join races of 4 connections on 2 nodes: over-capacity rooms",
                RACES + " races: 0 (" + seconds + " s)");
        Figures.record("ClusterIT", "rooms left in Redis and on the nodes after the races (orphans)",
                cluster.redis("SCARD", "switchboard:rooms") + " in Redis, " + ServerUnderTest.signalingData(one.managementUri("/health/ready")).getInt("rooms") + " and "
                + ServerUnderTest.signalingData(two.managementUri("/health/ready")).getInt("rooms") + " on the nodes");
    }

    @Test
    void theDirectorySpansBothNodes() {
        String alice = "Alice-" + System.nanoTime();
        String bob = "Bob-" + System.nanoTime();
        try (TestPeer a = TestPeer.connect(one); TestPeer b = TestPeer.connect(two); TestPeer c = TestPeer.connect(two)) {
            a.login(alice);
            JsonObject presence = b.login(bob);
            assertEquals(2, presence.getJsonArray("peers").size(), presence.toString());
            JsonObject online = a.next("peer-online");
            assertEquals(b.peerId(), online.getString("peerId"));
            assertEquals(bob, online.getString("name"));

            c.send(Json.createObjectBuilder().add("type", "login").add("name", alice.toUpperCase()).build());
            c.nextError("name-taken");

            a.send(Json.createObjectBuilder().add("type", "message").add("to", bob.toLowerCase())
                    .add("body", Json.createObjectBuilder().add("text", "lunch?")).build());
            JsonObject message = b.next("message");
            assertEquals("lunch?", message.getJsonObject("body").getString("text"));
            assertEquals(a.peerId(), message.getString("from"));
            assertEquals(alice, message.getString("fromName"));

            b.send(Json.createObjectBuilder().add("type", "offer").add("to", alice).add("sdp", "v=0 direct").build());
            JsonObject offer = a.next("offer");
            assertEquals(b.peerId(), offer.getString("from"));
            assertEquals(bob, offer.getString("fromName"));

            b.send(Json.createObjectBuilder().add("type", "logout").build());
            JsonObject offline = a.next("peer-offline");
            assertEquals(b.peerId(), offline.getString("peerId"));
            assertEquals("logout", offline.getString("reason"));
            a.sync();
            a.assertNothingReceived();
        }
    }

    @Test
    void roomEventsAndSignalsAcrossNodesArriveInTheOrderTheyHappened() {
        try (TestPeer a = TestPeer.connect(one); TestPeer b = TestPeer.connect(two)) {
            for (int i = 0; i < ROUNDS; i++) {
                String room = ServerUnderTest.uniqueRoom();
                a.request("create", room);
                a.next("created");
                // Without waiting for any reply: the members hear of the newcomer before its offer, and of
                // its offer before its departure.
                b.send(Json.createObjectBuilder().add("type", "join").add("room", room).build());
                b.send(Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0 " + i).build());
                b.send(Json.createObjectBuilder().add("type", "leave").build());
                assertEquals(b.peerId(), a.next("peer-joined").getString("peerId"), "round " + i);
                assertEquals("v=0 " + i, a.next("offer").getString("sdp"), "round " + i);
                assertEquals("left", a.next("peer-left").getString("reason"), "round " + i);
                b.next("joined");
                a.request("leave", room);
            }
            a.sync();
            b.sync();
            a.assertNothingReceived();
            b.assertNothingReceived();
        }
    }

    @Test
    void peersThatDisconnectWhileRedisStallsAreRemovedWhenItAnswersAgain() throws Exception {
        String room = ServerUnderTest.uniqueRoom();
        try (TestPeer stays = TestPeer.connect(two); TestPeer goes = TestPeer.connect(one);
             TestPeer watcher = TestPeer.connect(two); TestPeer named = TestPeer.connect(one)) {
            TestPeer.meet(stays, goes, room);
            watcher.login("Watcher-" + System.nanoTime());
            named.login("Named-" + System.nanoTime());
            watcher.next("peer-online");
            // Redis holds every client's commands for a while, longer than the nodes' command timeout (1 s):
            // the disconnects below cannot be recorded in time, and their commands may run late, unseen.
            cluster.redis("CLIENT", "PAUSE", String.valueOf(STALL_MS), "ALL");
            goes.close(); // goodbyes: a drop would keep them for a resume
            named.close();
            JsonObject left = stays.next("peer-left");
            assertEquals(goes.peerId(), left.getString("peerId"));
            assertEquals("disconnected", left.getString("reason"));
            JsonObject offline = watcher.next("peer-offline");
            assertEquals(named.peerId(), offline.getString("peerId"));
            assertEquals("disconnected", offline.getString("reason"));
            ClusterNodes.await(() -> cluster.redis("LRANGE", "switchboard:room:" + room, "0", "-1").equals(stays.peerId()),
                    10, "only the remaining member in Redis");
            stays.send(Json.createObjectBuilder().add("type", "leave").build());
            stays.sync();
            watcher.sync();
            stays.assertNothingReceived();
            watcher.assertNothingReceived();
        }
    }
    private static List<String> candidates(TestPeer receiver, int count, String from) {
        return IntStream.range(0, count).mapToObj(n -> {
            JsonObject candidate = receiver.next("candidate");
            assertEquals(from, candidate.getString("from"), "sender of " + candidate);
            return candidate.getJsonObject("candidate").getString("candidate");
        }).toList();
    }

    /** The candidate lines of {@link #candidate} {@code from} to {@code from + count - 1}. */
    private static List<String> expected(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(n -> "candidate:" + n + " 1 udp 2122260223 127.0.0.1 5000 typ host").toList();
    }

    @Test
    void aPeerCutOffOnOneNodeResumesOnTheOtherWithWhatWasSentMeanwhileInOrder() {
        String room = ServerUnderTest.uniqueRoom();
        try (TestPeer a = TestPeer.connect(one); TestPeer b = TestPeer.connect(two)) {
            TestPeer.meet(a, b, room);
            a.abort(); // a TCP reset on node one
            assertEquals(a.peerId(), b.next("peer-away").getString("peerId"));
            IntStream.range(0, 20).forEach(n -> b.send(candidate(n)));
            b.sync();
            try (TestPeer again = TestPeer.resume(two.webSocketUri("/signal"), a.resumeToken())) {
                assertNull(again.resumeFailure(), () -> "refused: " + again.resumeFailure());
                assertEquals("resumed", again.welcome().getString("type"));
                assertEquals(a.peerId(), again.peerId());
                assertEquals(room, again.welcome().getString("room"));
                assertEquals(expected(0, 20), candidates(again, 20, b.peerId()));
                assertEquals(a.peerId(), b.next("peer-back").getString("peerId"));
                again.sync(); // acted on by node one, answered through node two: nothing else came, each candidate once

                IntStream.range(100, 100 + SIGNALS).forEach(n -> again.send(candidate(n)));
                IntStream.range(500, 500 + SIGNALS).forEach(n -> b.send(candidate(n)));
                assertEquals(expected(100, SIGNALS), candidates(b, SIGNALS, a.peerId()));
                assertEquals(expected(500, SIGNALS), candidates(again, SIGNALS, b.peerId()));

                again.send(Json.createObjectBuilder().add("type", "leave").build());
                JsonObject left = b.next("peer-left");
                assertEquals(a.peerId(), left.getString("peerId"));
                assertEquals("left", left.getString("reason"));
                ClusterNodes.await(() -> cluster.redis("LRANGE", "switchboard:room:" + room, "0", "-1").equals(b.peerId()),
                        10, "only the remaining member in Redis");
            }
        }
    }

    @Test
    void aPeerResumedElsewhereThatDropsAgainIsKeptAndResumesAtHomeAndNoTokenWorksTwice() {
        try (TestPeer a = TestPeer.connect(one); TestPeer b = TestPeer.connect(two)) {
            TestPeer.meet(a, b, ServerUnderTest.uniqueRoom());
            String first = a.resumeToken();
            a.abort();
            b.next("peer-away");
            try (TestPeer relayed = TestPeer.resume(two.webSocketUri("/signal"), first)) {
                assertEquals(a.peerId(), relayed.peerId(), () -> "refused: " + relayed.resumeFailure());
                b.next("peer-back");
                relayed.abort(); // the relay on node two drops: node one keeps the peer again
                assertEquals(a.peerId(), b.next("peer-away").getString("peerId"));
                IntStream.range(0, 5).forEach(n -> b.send(candidate(n)));
                b.sync();
                try (TestPeer home = TestPeer.resume(one.webSocketUri("/signal"), relayed.resumeToken())) {
                    assertEquals(a.peerId(), home.peerId(), () -> "refused: " + home.resumeFailure());
                    assertEquals(expected(0, 5), candidates(home, 5, b.peerId()));
                    b.next("peer-back");
                    for (LibertyServer node : List.of(one, two)) {
                        try (TestPeer thief = TestPeer.resume(node.webSocketUri("/signal"), first)) {
                            assertEquals("resume-failed", thief.resumeFailure().getString("code"), node.httpUri("/").toString());
                            assertNotEquals(a.peerId(), thief.peerId());
                        }
                    }
                }
            }
        }
    }

    @Test
    void aRelayedPeerIsPingedThroughTheRelayAndItsPongsKeepItPastTheHeartbeatTimeout() {
        try (TestPeer a = TestPeer.connect(one); TestPeer b = TestPeer.connect(two)) {
            TestPeer.meet(a, b, ServerUnderTest.uniqueRoom());
            a.abort();
            b.next("peer-away");
            try (TestPeer relayed = TestPeer.resume(two.webSocketUri("/signal"), a.resumeToken())) {
                assertEquals(a.peerId(), relayed.peerId(), () -> "refused: " + relayed.resumeFailure());
                b.next("peer-back");
                // More pings than fit in the heartbeat timeout: node one heard each pong through node two.
                relayed.awaitPings((int) (2 * ClusterNodes.HEARTBEAT_TIMEOUT_MS / ClusterNodes.HEARTBEAT_INTERVAL_MS));
                assertFalse(relayed.isClosed(), () -> "closed with " + relayed.closeDescription());
                relayed.send(candidate(1));
                assertEquals(expected(1, 1), candidates(b, 1, a.peerId()));
                b.sync();
                b.assertNothingReceived(); // no peer-away: it never timed out
            }
        }
    }
}
