package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.it.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server for one test class, emptied before each test, and the backplanes of the nodes a test
 * registers with it, as running nodes would be, stopped after each test:
 * {@code @RegisterExtension static final TestNodes nodes = new TestNodes();}
 */
final class TestNodes implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final List<Backplane> started = new ArrayList<>();
    private RedisServer redis;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        redis = RedisServer.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        redis.command("FLUSHALL");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(Backplane::stop);
        started.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    RedisServer redis() {
        return redis;
    }

    /** A node connected to Redis with a live liveness record of {@code ttlMillis}. */
    Backplane node(long ttlMillis) {
        Backplane backplane = new Backplane(new ClusterSettings(Optional.of(redis.uri()), ttlMillis, 100, 2000));
        backplane.start(message -> { });
        assertTrue(backplane.connectIfNeeded(), "connected to " + redis.uri());
        started.add(backplane);
        backplane.run(Script.HEARTBEAT, backplane.node(), String.valueOf(ttlMillis), "register");
        return backplane;
    }

    Backplane node() {
        return node(60_000);
    }
}
