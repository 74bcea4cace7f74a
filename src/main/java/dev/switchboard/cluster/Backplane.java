package dev.switchboard.cluster;

import dev.switchboard.Unproxied;
import dev.switchboard.room.BackendUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's link to Redis: one connection for commands and publishing, one subscribed to this node's
 * channel. Both are Lettuce connections, which write commands in the order they are issued and deliver a
 * channel's messages in the order Redis published them; docs/cluster.md builds the ordering guarantees on that.
 *
 * <p>The node id is new in every process (random, never reused), so a restarted node never speaks for the
 * peers of its previous life: those are removed when the old id's liveness record expires.
 *
 * <p>Failures are bounded: every command has a timeout; while disconnected, commands fail at once instead of
 * queueing; commands in flight when a connection breaks are not replayed after it reconnects (at most once,
 * so a script never runs twice); reconnection backs off up to 2 s; two I/O threads in all.
 */
@Unproxied
public class Backplane {

    private static final Logger LOG = Logger.getLogger(Backplane.class.getName());
    private static final String[] NO_KEYS = new String[0];

    private final String node = newNodeId();
    private final AtomicLong publishFailures = new AtomicLong();
    private final ClusterSettings settings;
    private ClientResources resources;
    private RedisClient client;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean healthy;
    private volatile boolean dirty;
    private Consumer<String> inbox;

    @Inject
    public Backplane(ClusterSettings settings) {
        this.settings = settings;
    }

    /** 64 random bits, URL-safe base64: 11 characters of [A-Za-z0-9_-], never containing the separator '.'. */
    private static String newNodeId() {
        byte[] bits = new byte[8];
        new SecureRandom().nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    public boolean enabled() {
        return settings.redisUri().isPresent();
    }

    /** This process's node id. */
    public String node() {
        return node;
    }

    /** The channel a node receives its peers' messages on. */
    static String channel(String node) {
        return "switchboard:inbox:" + node;
    }

    /** Creates the client; connections are made by {@link #connectIfNeeded}. {@code inbox} gets this node's channel. */
    synchronized void start(Consumer<String> inbox) {
        if (client != null) {
            return;
        }
        this.inbox = inbox;
        Duration timeout = settings.commandTimeout();
        resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(settings.redisUri().orElseThrow());
        uri.setTimeout(timeout);
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .replayFilter(command -> true) // at most once: nothing in flight is sent again after a reconnect
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .build());
    }

    /** Connects both connections unless they exist (Lettuce reconnects them itself afterwards); returns whether they do. */
    synchronized boolean connectIfNeeded() {
        if (client == null) {
            return false;
        }
        if (commands != null && subscription != null) {
            return true;
        }
        try {
            if (commands == null) {
                commands = client.connect();
            }
            StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    inbox.accept(message);
                }
            });
            try {
                pubSub.sync().subscribe(channel(node));
            } catch (RedisException e) {
                pubSub.closeAsync();
                throw e;
            }
            subscription = pubSub;
            LOG.info(() -> "cluster node " + node + " connected to Redis");
            return true;
        } catch (RedisException e) {
            LOG.log(Level.FINE, "Redis unreachable: {0}", e.toString());
            return false;
        }
    }

    /**
     * Runs {@code script} with {@code args} as one atomic step; its reply as Lettuce reads it (lists, strings,
     * numbers). Throws {@link BackendUnavailableException} when Redis cannot be reached or is too slow.
     */
    List<Object> run(Script script, String... args) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null) {
            failed();
            throw new BackendUnavailableException("not connected to Redis");
        }
        RedisCommands<String, String> sync = connection.sync();
        try {
            try {
                return sync.evalsha(script.sha(), ScriptOutputType.MULTI, NO_KEYS, args);
            } catch (RedisNoScriptException e) { // a restarted Redis has forgotten the script
                return sync.eval(script.source(), ScriptOutputType.MULTI, NO_KEYS, args);
            }
        } catch (RedisException e) {
            failed();
            throw new BackendUnavailableException("Redis failed the " + script.name() + " script: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes {@code payload} to {@code toNode}'s channel without waiting. Issued on the command connection,
     * after every command issued before it: a script run earlier by this node is in Redis's past.
     */
    void publish(String toNode, String payload) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null) {
            publishFailures.incrementAndGet();
            return;
        }
        try {
            connection.async().publish(channel(toNode), payload).whenComplete((receivers, error) -> {
                if (error != null) {
                    publishFailures.incrementAndGet();
                    failed();
                }
            });
        } catch (RedisException e) {
            publishFailures.incrementAndGet();
            failed();
        }
    }

    /** Cross-node messages that could not be published (lost), since the node started. */
    public long publishFailures() {
        return publishFailures.get();
    }

    /** A command failed: not healthy until the next good liveness round, which also repairs what may have diverged. */
    private void failed() {
        healthy = false;
        dirty = true;
    }

    void healthy(boolean healthy) {
        this.healthy = healthy;
        if (!healthy) {
            dirty = true;
        }
    }

    /** Whether something failed since the last repair; clears the mark. */
    boolean takeDirty() {
        boolean was = dirty;
        dirty = false;
        return was;
    }

    /** Up: connected, subscribed, and the last liveness round and every command since succeeded. */
    public boolean isUp() {
        StatefulRedisConnection<String, String> connection = commands;
        StatefulRedisPubSubConnection<String, String> pubSub = subscription;
        return healthy && connection != null && connection.isOpen() && pubSub != null && pubSub.isOpen();
    }

    @PreDestroy
    synchronized void stop() {
        if (client == null) {
            return;
        }
        try {
            if (commands != null && commands.isOpen()) {
                // Leave at once rather than at the record's expiry: the other nodes reap what is left.
                commands.sync().del("switchboard:node:" + node);
            }
        } catch (RedisException e) {
            LOG.log(Level.FINE, "could not remove the liveness record: {0}", e.toString());
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
        client = null;
        commands = null;
        subscription = null;
    }
}
