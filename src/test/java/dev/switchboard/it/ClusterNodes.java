package dev.switchboard.it;


import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A real redis-server and Liberty servers that use it as their cluster backplane, started from the same
 * installation and WAR as the build's server, with a fast liveness round (node records of a few seconds,
 * refreshed every 250 ms) so that failures show within seconds, and room for a test to enter many rooms
 * quickly; dropped peers are kept for a resume for 5 s, and peers are pinged twice a second.
 */
final class ClusterNodes implements AutoCloseable {

    static final long LIVENESS_INTERVAL_MS = 250;
    /** Long enough for a loaded machine to resume in, short enough for a test to see the window end. */
    static final long RESUME_WINDOW_MS = 5000;
    /** Pings often, and gives up soon, so that a test sees a relay's liveness carried within seconds. */
    static final long HEARTBEAT_INTERVAL_MS = 500;
    static final long HEARTBEAT_TIMEOUT_MS = 4000;

    final RedisServer redis;
    final long nodeTtlMillis;
    private final List<LibertyServer> servers = new ArrayList<>();

    private ClusterNodes(RedisServer redis, long nodeTtlMillis) {
        this.redis = redis;
        this.nodeTtlMillis = nodeTtlMillis;
    }

    /**
     * Starts Redis, then the named nodes at once, whose liveness records last {@code nodeTtlMillis}; skips (or
     * fails, when required) without redis-server.
     */
    static ClusterNodes start(long nodeTtlMillis, String... names) throws Exception {
        ClusterNodes cluster = new ClusterNodes(RedisServer.start(), nodeTtlMillis);
        ExecutorService starter = Executors.newFixedThreadPool(names.length);
        try {
            List<Future<LibertyServer>> started = new ArrayList<>();
            for (String name : names) {
                started.add(starter.submit(() -> cluster.node(name)));
            }
            for (Future<LibertyServer> server : started) {
                cluster.servers.add(server.get(180, TimeUnit.SECONDS));
            }
        } finally {
            starter.shutdownNow();
        }
        return cluster;
    }

    /** Starts node {@code name} again (after it was killed), as a new process; it is stopped with the cluster. */
    LibertyServer restart(String name) throws IOException, InterruptedException {
        LibertyServer server = node(name);
        servers.add(server);
        return server;
    }

    private LibertyServer node(String name) throws IOException, InterruptedException {
        return LibertyServer.start(name, Map.of(
                "SWITCHBOARD_CLUSTER_REDIS_URI", redis.uri(),
                "SWITCHBOARD_CLUSTER_NODE_TTL_MS", String.valueOf(nodeTtlMillis),
                "SWITCHBOARD_CLUSTER_LIVENESS_INTERVAL_MS", String.valueOf(LIVENESS_INTERVAL_MS),
                "SWITCHBOARD_CLUSTER_COMMAND_TIMEOUT_MS", "1000",
                "SWITCHBOARD_RATE_ENTRIES_PER_SECOND", "1000",
                "SWITCHBOARD_RATE_ENTRY_BURST", "1000",
                "SWITCHBOARD_SESSION_RESUME_WINDOW_MS", String.valueOf(RESUME_WINDOW_MS),
                "SWITCHBOARD_HEARTBEAT_INTERVAL_MS", String.valueOf(HEARTBEAT_INTERVAL_MS),
                "SWITCHBOARD_HEARTBEAT_TIMEOUT_MS", String.valueOf(HEARTBEAT_TIMEOUT_MS)));
    }

    LibertyServer server(int index) {
        return servers.get(index);
    }

    /** The readiness status code of {@code server} and its signaling data. */
    static boolean ready(LibertyServer server, Predicate<JsonObject> data, int status) {
        try {
            HttpResponse<String> response = ServerUnderTest.get(server.managementUri("/health/ready"));
            JsonObject health = ServerUnderTest.json(response.body());
            return response.statusCode() == status
                    && data.test(health.getJsonArray("checks").getJsonObject(0).getJsonObject("data"));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("readiness of " + server.httpUri("/") + " unreachable", e);
        }
    }

    /** Waits for {@code condition}, polling, at most {@code seconds}. */
    static void await(BooleanSupplier condition, long seconds, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(seconds)).until(condition::getAsBoolean);
    }

    /** A Redis reply, failing the test if Redis cannot be asked. */
    String redis(String... command) {
        try {
            return redis.command(command);
        } catch (IOException e) {
            throw new AssertionError("Redis " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() throws Exception {
        for (LibertyServer server : servers) {
            server.close();
        }
        redis.close();
    }
}
