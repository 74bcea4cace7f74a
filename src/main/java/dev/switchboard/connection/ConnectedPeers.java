package dev.switchboard.connection;

import dev.switchboard.admission.AddressLimit;
import dev.switchboard.admission.AddressedRequest;
import dev.switchboard.admission.ConnectionRejection;
import dev.switchboard.admission.RateLimiter;
import dev.switchboard.admission.RateLimits;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.protocol.ClientMessage;
import dev.switchboard.protocol.MessageCodec;
import dev.switchboard.protocol.MessageSizeLimit;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.protocol.Welcome;
import dev.switchboard.signaling.Delivery;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.stream.LongStream;

/** The peers connected to this node, each with its outbox. Delivers to them; knows nothing of rooms. */
@ApplicationScoped
public class ConnectedPeers implements Delivery {

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Encodes on the sending thread: the outbox bounds what it holds in bytes, so it holds frames, not objects. */
    private final MessageCodec codec = MessageCodec.shared();
    /** The deepest outbound queue of the connections already closed. */
    private final LongAccumulator closedQueuePeak = new LongAccumulator(Math::max, 0);
    /** Notified when the last connection is forgotten, for {@link #awaitNone}. */
    private final Object emptied = new Object();
    private SessionLimits limits;
    private MessageSizeLimit sizeLimit;
    private RateLimits rateLimits;
    private AddressLimit addressLimit;
    private PeerIds peerIds;
    private SignalingMetrics metrics;

    /**
     * Runs the clean-up of closed connections, whoever closed them. Never inline: a close, the server's or
     * the client's as the runtime reports it, can happen inside a delivery, under a room's or the
     * directory's lock, and the clean-up takes the locks of the closed peer's room and of the directory.
     */
    @Resource
    ManagedExecutorService cleanup;

    protected ConnectedPeers() { // for the CDI proxy
    }

    @Inject
    public ConnectedPeers(SessionLimits limits, MessageSizeLimit sizeLimit, RateLimits rateLimits, PeerIds peerIds,
                          SignalingMetrics metrics) {
        this.limits = limits;
        this.peerIds = peerIds;
        this.sizeLimit = sizeLimit;
        this.rateLimits = rateLimits;
        this.addressLimit = new AddressLimit(limits.maxConnectionsPerAddress());
        this.metrics = metrics;
    }

    /**
     * Admits a new connection: applies the session limits, gives it a peer id and welcomes it.
     * {@code onServerClose} runs with the peer id whenever the server closes the connection itself.
     */
    public String open(Session session, Consumer<String> onServerClose) {
        String peer = peerIds.next();
        String address = clientAddress(session);
        boolean addressAdmits = address == null || addressLimit.tryAcquire(address);
        Outbox outbox = register(session, peer, onServerClose, addressAdmits ? address : null);
        // Over a limit: turned away before its welcome; the connections already here are unaffected.
        if (!addressAdmits) {
            metrics.connectionRejected(ConnectionRejection.ADDRESS_LIMIT);
            outbox.closeNow(CloseCodes.tooManyFromAddress());
            return peer;
        }
        if (connections.size() > limits.maxConnections()) {
            metrics.connectionRejected(ConnectionRejection.SERVER_FULL);
            outbox.closeNow(CloseCodes.serverFull());
            return peer;
        }
        outbox.send(codec.encode(new Welcome(peer, limits.heartbeatIntervalMillis())));
        return peer;
    }

    /**
     * Turns a new connection away with {@code reason}, before any welcome. It gets a peer id all the same,
     * so that its close is cleaned up like any other.
     */
    public String refuse(Session session, Consumer<String> onServerClose, CloseReason reason) {
        String peer = peerIds.next();
        register(session, peer, onServerClose, null).closeNow(reason);
        return peer;
    }

    /** {@code countedAddress}: the address the connection holds a place under, released when it closes; or null. */
    private Outbox register(Session session, String peer, Consumer<String> onServerClose, String countedAddress) {
        session.setMaxTextMessageBufferSize(sizeLimit.maxBytes());
        session.setMaxBinaryMessageBufferSize(sizeLimit.maxBytes());
        session.getAsyncRemote().setSendTimeout(limits.sendTimeoutMillis());
        SessionTransport transport = new SessionTransport(session, () -> cleanUpLater(() -> onServerClose.accept(peer)),
                metrics);
        Outbox outbox = new Outbox(transport, limits.outboxBounds());
        long now = System.nanoTime();
        connections.put(peer, new Connection(outbox, rateLimits.newLimiter(now), now, countedAddress));
        return outbox;
    }

    /** The address {@link HandshakeFilter} gave the handshake; null where no filter ran (no address, no limit). */
    private static String clientAddress(Session session) {
        List<String> values = session.getRequestParameterMap().get(AddressedRequest.PARAMETER);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Runs the clean-up of a closed connection on {@link #cleanup}, never on the calling thread. */
    public void cleanUpLater(Runnable task) {
        try {
            cleanup.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the application is stopping and its executor is gone: clean up here rather than not at all
        }
    }

    /** {@code message} arrived from {@code peer}: the peer is alive; returns whether it is within its rate limits. */
    public RateLimiter.Verdict received(String peer, ClientMessage message) {
        Connection connection = connections.get(peer);
        if (connection == null) {
            return RateLimiter.Verdict.ALLOWED;
        }
        long now = System.nanoTime();
        connection.heard(now);
        return connection.limiter().check(message, now);
    }

    /** The peer sent something (a message, a pong): it is alive. */
    public void heard(String peer) {
        Connection connection = connections.get(peer);
        if (connection != null) {
            connection.heard(System.nanoTime());
        }
    }

    /**
     * Drops what is queued for {@code peer} and closes its connection now; returns whether this call began
     * closing it (false when it is gone or the server was closing it already).
     */
    public boolean closeNow(String peer, CloseReason reason) {
        Connection connection = connections.get(peer);
        return connection != null && connection.outbox().closeNow(reason);
    }

    /** The open connections, for the heartbeat; a live view. */
    public Map<String, Connection> connections() {
        return connections;
    }

    /** Forgets a closed connection; anything still queued for it is dropped. Idempotent. */
    public void closed(String peer) {
        Connection connection = connections.remove(peer);
        if (connection != null) {
            connection.outbox().discard();
            closedQueuePeak.accumulate(connection.outbox().peakQueued());
            if (connection.countedAddress() != null) {
                addressLimit.release(connection.countedAddress());
            }
        }
        if (connections.isEmpty()) {
            synchronized (emptied) {
                emptied.notifyAll();
            }
        }
    }

    /**
     * Sends every connection what is queued for it, then closes it with {@code reason}; returns how many.
     * Each close runs on {@code closer}: a close can block its thread indefinitely (Open Liberty 26.0.0.3
     * writes the close frame synchronously, without a timeout, behind data a client that stopped reading
     * never takes).
     */
    public int closeAllAfterFlush(CloseReason reason, Executor closer) {
        int count = 0;
        for (Connection connection : connections.values()) {
            closer.execute(() -> connection.outbox().closeWhenFlushed(reason));
            count++;
        }
        return count;
    }

    /** Drops what is queued for every connection and closes it now, each on {@code closer}; returns how many. */
    public int closeAllNow(CloseReason reason, Executor closer) {
        int count = 0;
        for (Connection connection : connections.values()) {
            closer.execute(() -> connection.outbox().closeNow(reason));
            count++;
        }
        return count;
    }

    /** Waits until no connection is left, or until {@code deadlineNanos} (of {@link System#nanoTime}); returns whether none is. */
    public boolean awaitNone(long deadlineNanos) {
        synchronized (emptied) {
            while (!connections.isEmpty()) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(emptied, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return connections.isEmpty();
                }
            }
            return true;
        }
    }

    /**
     * Sends what is queued for {@code peer}, then closes its connection; returns whether this call began
     * closing it (false when it is gone or the server was closing it already).
     */
    public boolean closeAfterFlush(String peer, CloseReason reason) {
        Connection connection = connections.get(peer);
        return connection != null && connection.outbox().closeWhenFlushed(reason);
    }

    @Override
    public void deliver(String peer, ServerMessage message) {
        Connection connection = connections.get(peer);
        if (connection != null) {
            connection.outbox().send(codec.encode(message));
        }
    }

    /** Queues a frame encoded elsewhere (on another node) for {@code peer}, if it is still connected. */
    public void deliverFrame(String peer, String frame) {
        Connection connection = connections.get(peer);
        if (connection != null) {
            connection.outbox().send(frame);
        }
    }

    /** Whether {@code peer}'s connection is open on this node. */
    public boolean isConnected(String peer) {
        return connections.containsKey(peer);
    }

    public int count() {
        return connections.size();
    }

    /** The most messages that ever waited for one receiver on this node, since it started. */
    public long queuePeak() {
        return Math.max(ofOutboxes(Outbox::peakQueued).max().orElse(0), closedQueuePeak.get());
    }

    /** Messages waiting to be written, to all the open connections together. */
    public long queued() {
        return ofOutboxes(Outbox::queued).sum();
    }

    /** Messages waiting to be written to the one open connection with the most waiting. */
    public long deepestQueue() {
        return ofOutboxes(Outbox::queued).max().orElse(0);
    }

    private LongStream ofOutboxes(ToLongFunction<Outbox> figure) {
        return connections.values().stream().mapToLong(connection -> figure.applyAsLong(connection.outbox()));
    }
}
