package dev.switchboard.endpoint;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.admission.ConnectionLimits;
import dev.switchboard.admission.RateLimits;
import dev.switchboard.admission.ResumeAttempts;
import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.ConnectionThreadRule;
import dev.switchboard.connection.ConnectionThreads;
import dev.switchboard.connection.FakeTransport;
import dev.switchboard.connection.LocalDelivery;
import dev.switchboard.connection.PeerIds;
import dev.switchboard.connection.SessionLimits;
import dev.switchboard.connection.TrackedPool;
import dev.switchboard.directory.InMemoryDirectory;
import dev.switchboard.ice.IceServerIssuer;
import dev.switchboard.ice.IceSettings;
import dev.switchboard.lifecycle.DrainGate;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.protocol.MessageDecoder;
import dev.switchboard.protocol.MessageSizeLimit;
import dev.switchboard.resume.Resumption;
import dev.switchboard.room.InMemoryRoomRegistry;
import dev.switchboard.signaling.DirectoryService;
import dev.switchboard.signaling.SignalingService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server without a container: the real lifecycle, decisions, registries and outboxes, on pools of
 * threads as in production, with connections over {@link FakeTransport}s that check the threading rule at
 * every call. The test's own threads play the container's: they open connections and deliver messages.
 */
public final class TestServer implements AutoCloseable {

    public static final int HEARTBEAT_INTERVAL_MS = 1_000;
    public static final int HEARTBEAT_TIMEOUT_MS = 3_000;
    public static final int IDLE_TIMEOUT_MS = 5_000;

    public final ConnectionThreadRule rule = new ConnectionThreadRule();
    public final InMemoryRoomRegistry rooms;
    public final InMemoryDirectory directory = new InMemoryDirectory(10_000);
    public final ConnectedPeers peers = new ConnectedPeers();
    public final ConnectionLimits limits;
    public final SessionLimits sessionLimits;
    public final DrainGate gate = new DrainGate();
    public final SignalingService signaling;
    public final ConnectionLifecycle lifecycle;
    public final Resumption resumption;
    /** No relays unless a test marks one. */
    public final MarkedRelays relays = new MarkedRelays();
    /** Ten resume attempts in a row from one address, then one a second. */
    /**
     * A burst of 10, refilled one attempt in 1,000 s: a test's attempts never earn one back, however slowly the
     * machine runs them (at one a second, a flood of 15 that took over a second got its last one through).
     */
    public final ResumeAttempts resumeAttempts = new ResumeAttempts(0.001, 10);
    public static final IceServerIssuer NO_ICE_SERVERS = new IceServerIssuer(
            IceSettings.of(Optional.empty(), Optional.empty(), Optional.empty(), 3600), Clock.systemUTC());
    /** Tasks of all the pools below not yet finished. */
    private final AtomicInteger unfinished = new AtomicInteger();
    private final TrackedPool writes = new TrackedPool(2, true, unfinished);
    private final TrackedPool pingsAndCloses = new TrackedPool(8, true, unfinished);
    private final TrackedPool cleanUps = new TrackedPool(2, false, unfinished);
    /** Where the fake transports complete their writes: a container's I/O thread, not a connection thread. */
    private final TrackedPool container = new TrackedPool(1, false, unfinished);
    private final ConnectionThreads threads = new ConnectionThreads(writes, pingsAndCloses, cleanUps);
    private final RateLimits rateLimits = new RateLimits(1e9, 1e9, 1e9, 1e9, 1_000_000);
    private final PeerIds peerIds = new PeerIds();

    public TestServer(int roomCapacity, int maxConnections, int maxPerAddress, int outboxFrames,
                      SignalingMetrics metrics) {
        this(roomCapacity, maxConnections, maxPerAddress, outboxFrames, metrics, NO_ICE_SERVERS);
    }

    /** With the ICE servers of {@code iceServers}. */
    public TestServer(int roomCapacity, int maxConnections, int maxPerAddress, int outboxFrames,
                      SignalingMetrics metrics, IceServerIssuer iceServers) {
        this(roomCapacity, maxConnections, maxPerAddress, outboxFrames, metrics, iceServers, new AccessControl(null));
    }

    /** With the ICE servers of {@code iceServers} and the tokens {@code accessControl} checks. */
    public TestServer(int roomCapacity, int maxConnections, int maxPerAddress, int outboxFrames,
                      SignalingMetrics metrics, IceServerIssuer iceServers, AccessControl accessControl) {
        this(roomCapacity, maxConnections, maxPerAddress, outboxFrames, metrics, iceServers, accessControl, 0);
    }

    /** As above, keeping dropped peers for a resume for {@code resumeWindowMillis} (0: off). */
    public TestServer(int roomCapacity, int maxConnections, int maxPerAddress, int outboxFrames,
                      SignalingMetrics metrics, IceServerIssuer iceServers, AccessControl accessControl,
                      long resumeWindowMillis) {
        rooms = new InMemoryRoomRegistry(roomCapacity, 10_000);
        limits = new ConnectionLimits(maxConnections, maxPerAddress);
        sessionLimits = new SessionLimits(outboxFrames, 1 << 20, 10_000, HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS,
                IDLE_TIMEOUT_MS);
        LocalDelivery delivery = new LocalDelivery(peers);
        DirectoryService directoryService = new DirectoryService(directory, rooms, delivery, true, Clock.systemUTC(),
                metrics);
        signaling = new SignalingService(rooms, delivery, directoryService, metrics);
        resumption = new Resumption(resumeWindowMillis, signaling, peers, limits, threads);
        lifecycle = new ConnectionLifecycle(null, peers, limits, sessionLimits, signaling, gate,
                new MessageDecoder(new MessageSizeLimit(65_536)), iceServers, accessControl, metrics, resumption,
                relays, resumeAttempts);
    }

    /** Rooms of 2, generous limits, nothing measured. */
    public TestServer() {
        this(2, 10_000, 10_000, 1024, SignalingMetrics.NONE);
    }

    /** A new connection from {@code address}, opened on the calling thread as the container would. */
    public TestClient connect(String address, FakeTransport.Completion completion) {
        TestClient client = newClient(address, completion);
        lifecycle.open(client.connection(), null);
        return client;
    }

    public TestClient connect() {
        return connect("192.0.2.1", FakeTransport.Completion.ASYNC);
    }

    /** A new connection that presents {@code resumeToken}, as {@code /signal?resume=...} does. */
    public TestClient resume(String resumeToken) {
        TestClient client = newClient("192.0.2.1", FakeTransport.Completion.ASYNC);
        lifecycle.open(client.connection(), resumeToken);
        return client;
    }

    /** A new connection on {@code /rooms/{room}}. */
    public TestClient connectToRoom(String room) {
        TestClient client = newClient("192.0.2.1", FakeTransport.Completion.ASYNC);
        lifecycle.openInRoom(client.connection(), room, null);
        return client;
    }

    private TestClient newClient(String address, FakeTransport.Completion completion) {
        return newClient(address, completion, Access.unrestricted());
    }

    /** A new connection with {@code access}, as a handshake with a token would give it. */
    public TestClient connect(Access access) {
        TestClient client = newClient("192.0.2.1", FakeTransport.Completion.ASYNC, access);
        lifecycle.open(client.connection(), null);
        return client;
    }

    /** A new connection with {@code access} that presents {@code resumeToken}. */
    public TestClient connect(Access access, String resumeToken) {
        TestClient client = newClient("192.0.2.1", FakeTransport.Completion.ASYNC, access);
        lifecycle.open(client.connection(), resumeToken);
        return client;
    }

    /** A new connection on {@code /rooms/{room}} with {@code access}. */
    public TestClient connectToRoom(String room, Access access) {
        TestClient client = newClient("192.0.2.1", FakeTransport.Completion.ASYNC, access);
        lifecycle.openInRoom(client.connection(), room, null);
        return client;
    }

    private TestClient newClient(String address, FakeTransport.Completion completion, Access access) {
        FakeTransport transport = new FakeTransport(completion, container, rule);
        long now = System.nanoTime();
        Connection connection = new Connection(peerIds.next(), address, access, transport, sessionLimits.outboxBounds(),
                rateLimits.newLimiter(now), threads, lifecycle::ended, now);
        return new TestClient(this, connection, transport);
    }

    /** Waits until no task of any pool is left: everything decided so far has been written and cleaned up. */
    public void settle() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> unfinished.get() == 0);
    }

    /** What broke the threading rule so far. */
    public List<String> violations() {
        return rule.violations();
    }

    /** Lets what was decided finish, stops the threads, and fails if the threading rule was broken. */
    @Override
    public void close() throws InterruptedException {
        try {
            settle();
        } finally {
            for (TrackedPool pool : List.of(writes, pingsAndCloses, cleanUps, container)) {
                pool.close();
            }
        }
        assertEquals(List.of(), violations(), "the threading rule was broken");
    }
}
