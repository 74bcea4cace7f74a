package dev.switchboard.metrics;

import dev.switchboard.Unproxied;
import dev.switchboard.access.TokenRefusal;
import dev.switchboard.admission.ConnectionRejection;
import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.connection.ConnectionThreads;
import dev.switchboard.directory.Directory;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.protocol.Empty;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Full;
import dev.switchboard.protocol.MessageCodec;
import dev.switchboard.protocol.Personal;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.protocol.SignalType;
import dev.switchboard.room.RoomRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The application's metrics, served in Prometheus text on {@code /metrics} by the MicroProfile Metrics
 * runtime: the one class that uses the {@link MetricRegistry} (the portable API only). Every counter is
 * looked up once, here; counting a message is one increment of a counter found in a map keyed by the
 * message's class or the reason's enum constant. The gauges read what the server already keeps, when
 * scraped: on a cluster, this node's share, as the readiness check reports it.
 */
@Unproxied
public class MicroProfileMetrics implements SignalingMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    ConnectedPeers peers;

    @Inject
    ConnectionThreads threads;

    @Inject
    RoomRegistry rooms;

    @Inject
    Directory directory;

    /** How long a ping or a close may run before it counts as stuck: Open Liberty bounds a close frame's write by 5.5 s. */
    static final Duration STUCK = Duration.ofSeconds(60);

    private Map<String, Counter> relayed;
    private Map<ErrorCode, Counter> rejectedRequests;
    private Counter full;
    private Counter empty;
    private Map<ConnectionRejection, Counter> rejectedConnections;
    private Map<TokenRefusal, Counter> refusedTokens;
    private Counter heartbeatTimeouts;
    private Timer entries;

    /**
     * Creates the bean, and so registers everything, when the application starts: a scrape before any traffic
     * lists every metric, at 0.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    }

    @PostConstruct
    void register() {
        gauge("switchboard.connections", "Open WebSocket connections", metrics -> metrics.peers.count());
        gauge("switchboard.rooms", "Rooms with a member connected to this server",
                metrics -> metrics.rooms.occupancy().rooms());
        gauge("switchboard.room.peers", "Peers of this server in a room", metrics -> metrics.rooms.occupancy().peers());
        gauge("switchboard.logged.in.peers", "Peers of this server logged in to the directory",
                metrics -> metrics.directory.count());
        gauge("switchboard.outbox.queued",
                "Messages waiting to be written to their receivers, all connections together",
                metrics -> metrics.peers.queued());
        gauge("switchboard.outbox.queued.max", "Messages waiting for the one receiver with the most waiting",
                metrics -> metrics.peers.deepestQueue());
        gauge("switchboard.connection.calls.stuck",
                "Pings and closes the container has held for over " + STUCK.toSeconds() + " s, each on one of "
                        + ConnectionThreads.BLOCKING_THREADS + " threads",
                metrics -> metrics.threads.blockingLongerThan(STUCK));

        Metadata relayedMetadata = metadata("switchboard.messages.relayed",
                "Signals and direct messages forwarded, by type: once per message, however many members receive it",
                MetricUnits.NONE);
        relayed = Stream.concat(Stream.of(SignalType.values()).map(SignalType::wireName),
                        Stream.of(Personal.class.getPermittedSubclasses()).map(MessageCodec::typeName))
                .collect(Collectors.toUnmodifiableMap(Function.identity(), type ->
                        registry.counter(relayedMetadata, new Tag("type", type))));

        Metadata requestsMetadata = metadata("switchboard.requests.rejected",
                "Requests answered with an error, full or empty instead of being acted on, by reason",
                MetricUnits.NONE);
        rejectedRequests = new EnumMap<>(ErrorCode.class);
        for (ErrorCode code : ErrorCode.values()) {
            rejectedRequests.put(code, registry.counter(requestsMetadata, new Tag("reason", code.wireName())));
        }
        full = registry.counter(requestsMetadata, new Tag("reason", MessageCodec.typeName(Full.class)));
        empty = registry.counter(requestsMetadata, new Tag("reason", MessageCodec.typeName(Empty.class)));

        Metadata connectionsMetadata = metadata("switchboard.connections.rejected",
                "Connections turned away or cut off for breaking a limit, by reason", MetricUnits.NONE);
        rejectedConnections = new EnumMap<>(ConnectionRejection.class);
        for (ConnectionRejection reason : ConnectionRejection.values()) {
            rejectedConnections.put(reason, registry.counter(connectionsMetadata, new Tag("reason", reason.tag())));
        }

        Metadata tokensMetadata = metadata("switchboard.tokens.refused",
                "Access tokens refused, at a handshake or in an auth message, by reason", MetricUnits.NONE);
        refusedTokens = new EnumMap<>(TokenRefusal.class);
        for (TokenRefusal reason : TokenRefusal.values()) {
            refusedTokens.put(reason, registry.counter(tokensMetadata, new Tag("reason", reason.tag())));
        }

        heartbeatTimeouts = registry.counter(metadata("switchboard.heartbeat.timeouts",
                "Peers removed for answering no ping within the heartbeat timeout", MetricUnits.NONE));
        entries = registry.timer(metadata("switchboard.join.duration",
                "Time from handling a create, join or create-or-join to its outcome queued for the peers concerned",
                MetricUnits.NANOSECONDS));
    }

    /**
     * A gauge read from this bean, which the container holds for the application's life: some registries
     * hold a gauge's object only weakly.
     */
    private void gauge(String name, String description, Function<MicroProfileMetrics, Number> value) {
        registry.gauge(metadata(name, description, MetricUnits.NONE), this, value);
    }

    private static Metadata metadata(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }

    @Override
    public void relayed(ServerMessage message) {
        Counter counter = relayed.get(MessageCodec.typeOf(message));
        if (counter != null) {
            counter.inc();
        }
    }

    @Override
    public void rejected(ErrorCode code) {
        rejectedRequests.get(code).inc();
    }

    @Override
    public void roomFull() {
        full.inc();
    }

    @Override
    public void roomEmpty() {
        empty.inc();
    }

    @Override
    public void connectionRejected(ConnectionRejection reason) {
        rejectedConnections.get(reason).inc();
    }

    @Override
    public void tokenRefused(TokenRefusal reason) {
        refusedTokens.get(reason).inc();
    }

    @Override
    public void heartbeatTimedOut() {
        heartbeatTimeouts.inc();
    }

    @Override
    public void entryDecided(long nanos) {
        entries.update(Duration.ofNanos(nanos));
    }
}
