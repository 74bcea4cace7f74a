package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.connection.CloseCodes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Black-box, on two nodes sharing a real redis-server: a node killed with SIGKILL, and Redis stopped and
 * started again (empty). In that order: the second test needs both nodes, the first restarts the one it kills.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailureIT {

    private static final long NODE_TTL_MS = 2000;
    private static final int LETTUCE_THREADS = 5;
    private static final long QUIET_MS = 3000;
    private static ClusterNodes cluster;

    private static long cpuNanos(ProcessHandle jvm) {
        return jvm.info().totalCpuDuration().orElseThrow(() -> new AssertionError("no CPU time for the node")).toNanos();
    }

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ClusterNodes.start(NODE_TTL_MS, "clusterFailure1", "clusterFailure2");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theSurvivorsHearThatAKilledNodesPeersLeftAndARestartedNodeDoesNotBringThemBack() throws Exception {
        LibertyServer survivor = cluster.server(0);
        String room = ServerUnderTest.uniqueRoom();
        try (TestPeer a = TestPeer.connect(survivor); TestPeer b = TestPeer.connect(cluster.server(1));
             TestPeer d = TestPeer.connect(cluster.server(1))) {
            TestPeer.meet(a, b, room);
            a.login("Ann-" + System.nanoTime());
            b.login("Ben-" + System.nanoTime());
            a.next("peer-online");
            // d, a peer of the node about to die, dropped and resumed on the survivor, which relays it
            d.request("create", ServerUnderTest.uniqueRoom());
            d.next("created");
            d.abort();
            TestPeer relayed = TestPeer.resume(survivor.webSocketUri("/signal"), d.resumeToken());
            assertEquals(d.peerId(), relayed.peerId(), () -> "refused: " + relayed.resumeFailure());

            long killedAt = System.nanoTime();
            cluster.server(1).kill();
            JsonObject left = a.next("peer-left");
            long leftMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            JsonObject offline = a.next("peer-offline");
            long offlineMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            assertEquals(b.peerId(), left.getString("peerId"));
            assertEquals("timeout", left.getString("reason"));
            assertEquals(b.peerId(), offline.getString("peerId"));
            assertEquals("timeout", offline.getString("reason"));
            // Bound: the record's lifetime, one liveness round, and room for a busy 2-core machine.
            long bound = NODE_TTL_MS + ClusterNodes.LIVENESS_INTERVAL_MS + 2000;
            assertTrue(leftMs <= bound, "peer-left after " + leftMs + " ms, bound " + bound + " ms");
            assertEquals(CloseCodes.SERVICE_RESTART, relayed.closeCode(), "the relay of a peer of the dead node is closed");
            relayed.close();
            Figures.record("ClusterFailureIT", "kill -9 of a node to peer-left / peer-offline on the survivor (node ttl "
                    + NODE_TTL_MS + " ms, interval " + ClusterNodes.LIVENESS_INTERVAL_MS + " ms)",
                    leftMs + " ms / " + offlineMs + " ms");

            LibertyServer restarted = cluster.restart("clusterFailure2");
            try (TestPeer c = TestPeer.connect(restarted)) {
                c.request("join", room);
                JsonObject joined = c.next("joined");
                assertEquals(List.of(a.peerId()), joined.getJsonArray("peers").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString).toList(), "the killed node's peer is not back");
                assertEquals(c.peerId(), a.next("peer-joined").getString("peerId"));
            }
            assertEquals("2", cluster.redis("SCARD", "switchboard:nodes"), "the survivor and the new incarnation");
        }
    }

    @Test
    @Order(2)
    void whileRedisIsDownReadinessIsDownAndJoinsAreUnavailableThenTheNodesRecoverByThemselves() throws Exception {
        LibertyServer one = cluster.server(0);
        LibertyServer two = cluster.server(2); // the restarted second node
        List<LibertyServer> nodes = List.of(one, two);
        JvmProbe probe = new JvmProbe(one.pid());
        ProcessHandle jvm = ProcessHandle.of(one.pid()).orElseThrow();
        long threadsBefore = probe.threads("lettuce-");
        try (TestPeer before = TestPeer.connect(one); TestPeer partner = TestPeer.connect(two);
             TestPeer near = TestPeer.connect(one); TestPeer neighbour = TestPeer.connect(one)) {
            TestPeer.meet(before, partner, ServerUnderTest.uniqueRoom());
            TestPeer.meet(near, neighbour, ServerUnderTest.uniqueRoom());

            cluster.redis.stop();
            long stoppedAt = System.nanoTime();
            for (LibertyServer node : nodes) {
                ClusterNodes.await(() -> ClusterNodes.ready(node,
                        data -> "redis-unreachable".equals(data.getString("cluster")), 503), 10, "readiness DOWN");
            }
            long downMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
            try (TestPeer late = TestPeer.connect(one); TestPeer other = TestPeer.connect(two)) {
                late.send("{\"type\":\"create-or-join\",\"room\":\"outage\",\"id\":7}");
                assertEquals(7, late.nextError("unavailable").getInt("ref"));
                other.request("join", "outage");
                other.nextError("unavailable");
                other.send("{\"type\":\"login\",\"name\":\"Olga\"}");
                other.nextError("unavailable");
            }
            try (TestPeer byPath = TestPeer.connect(one.webSocketUri("/rooms/outage"))) {
                byPath.nextError("unavailable");
                assertEquals(1013, byPath.closeCode());
            }
            // Peers of one node signal each other without Redis: their relay goes on through the outage.
            near.send("{\"type\":\"offer\",\"sdp\":\"v=0 during the outage\"}");
            assertEquals("v=0 during the outage", neighbour.next("offer").getString("sdp"));
            JsonObject live = ServerUnderTest.json(ServerUnderTest.get(one.managementUri("/health/live")).body());
            assertEquals("UP", live.getString("status"), "live all along: a restart would not bring Redis back");
            long threadsDuring = probe.threads("lettuce-");
            // Reconnecting must not spin. A measurement window, not a synchronisation: the test leaves the node
            // alone (no health polls, no jcmd) for QUIET_MS and reads the CPU its whole JVM used meanwhile.
            long cpuBefore = cpuNanos(jvm);
            long windowStart = System.nanoTime();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(QUIET_MS));
            long windowNanos = System.nanoTime() - windowStart;
            double cores = (double) (cpuNanos(jvm) - cpuBefore) / windowNanos;

            cluster.redis.restart(); // empty: it saved nothing
            long restartedAt = System.nanoTime();
            for (LibertyServer node : nodes) {
                ClusterNodes.await(() -> ClusterNodes.ready(node, data -> "up".equals(data.getString("cluster")), 200),
                        20, "readiness UP again");
            }
            long upMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);
            // Redis lost the rooms and logins: the nodes closed their connections so that clients come back.
            assertEquals(1012, before.closeCode());
            assertEquals(1012, partner.closeCode());
            assertEquals(1012, near.closeCode());
            try (TestPeer a = TestPeer.connect(one); TestPeer b = TestPeer.connect(two)) {
                TestPeer.meet(a, b, ServerUnderTest.uniqueRoom());
                a.send("{\"type\":\"offer\",\"sdp\":\"v=0 after the outage\"}");
                assertEquals("v=0 after the outage", b.next("offer").getString("sdp"));
            }
            long threadsAfter = probe.threads("lettuce-");
            // At most 2 I/O threads, 2 computation threads and a timer, however many reconnections.
            assertTrue(threadsDuring <= LETTUCE_THREADS && threadsAfter <= LETTUCE_THREADS,
                    "Lettuce threads before / during / after: " + threadsBefore + " / " + threadsDuring + " / " + threadsAfter);
            assertTrue(cores < 0.25, "the node used " + cores + " cores while Redis was down");
            Figures.record("ClusterFailureIT", "Redis stopped: readiness DOWN on both nodes after / UP again after restart",
                    downMs + " ms / " + upMs + " ms");
            Figures.record("ClusterFailureIT", "Lettuce threads on a node before / during / after the Redis outage",
                    threadsBefore + " / " + threadsDuring + " / " + threadsAfter);
            Figures.record("ClusterFailureIT", "CPU of a node's JVM over " + QUIET_MS + " quiet ms while Redis was down",
                    String.format("%.3f cores", cores));
        }
    }
}
