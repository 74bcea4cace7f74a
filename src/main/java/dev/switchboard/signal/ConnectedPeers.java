package dev.switchboard.signal;

import dev.switchboard.protocol.ClientMessage;
import dev.switchboard.protocol.MessageCodec;
import dev.switchboard.protocol.MessageSizeLimit;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.protocol.Welcome;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.Consumer;

/** The peers connected to this node, each with its outbox. Delivers to them; knows nothing of rooms. */
@ApplicationScoped
public class ConnectedPeers implements Delivery {

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final PeerIds peerIds = new PeerIds();
    /** Encodes on the sending thread: the outbox bounds what it holds in bytes, so it holds frames, not objects. */
    private final MessageCodec codec = MessageCodec.shared();
    private SessionLimits limits;
    private MessageSizeLimit sizeLimit;
    private RateLimits rateLimits;
    private AddressLimit addressLimit;
    /** The deepest outbound queue of the connections already closed. */
    private final LongAccumulator closedQueuePeak = new LongAccumulator(Math::max, 0);

    /**
     * Runs the clean-up of connections the server closes itself. Never inline: such a close can happen
     * inside a delivery, under a room's lock, and the clean-up takes the lock of the closed peer's room.
     */
    @Resource
    ManagedExecutorService cleanup;

    protected ConnectedPeers() { // for the CDI proxy
    }

    @Inject
    public ConnectedPeers(SessionLimits limits, MessageSizeLimit sizeLimit, RateLimits rateLimits) {
        this.limits = limits;
        this.sizeLimit = sizeLimit;
        this.rateLimits = rateLimits;
        this.addressLimit = new AddressLimit(limits.maxConnectionsPerAddress());
    }

    /**
     * Admits a new connection: applies the session limits, gives it a peer id and welcomes it.
     * {@code onServerClose} runs with the peer id whenever the server closes the connection itself.
     */
    public String open(Session session, Consumer<String> onServerClose) {
        session.setMaxTextMessageBufferSize(sizeLimit.maxBytes());
        session.setMaxBinaryMessageBufferSize(sizeLimit.maxBytes());
        session.getAsyncRemote().setSendTimeout(limits.sendTimeoutMillis());
        String peer = peerIds.next();
        SessionTransport transport = new SessionTransport(session, () -> cleanUp(() -> onServerClose.accept(peer)));
        Outbox outbox = new Outbox(transport, limits.outboxBounds());
        long now = System.nanoTime();
        String address = clientAddress(session);
        boolean addressAdmits = address == null || addressLimit.tryAcquire(address);
        Connection connection = new Connection(outbox, rateLimits.newLimiter(now), now, addressAdmits ? address : null);
        connections.put(peer, connection);
        // Over a limit: turned away before its welcome; the connections already here are unaffected.
        if (!addressAdmits) {
            outbox.closeNow(CloseCodes.tooManyFromAddress());
            return peer;
        }
        if (connections.size() > limits.maxConnections()) {
            outbox.closeNow(CloseCodes.serverFull());
            return peer;
        }
        outbox.send(codec.encode(new Welcome(peer, limits.heartbeatIntervalMillis())));
        return peer;
    }

    /** The address {@link HandshakeFilter} gave the handshake; null where no filter ran (no address, no limit). */
    private static String clientAddress(Session session) {
        List<String> values = session.getRequestParameterMap().get(AddressedRequest.PARAMETER);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private void cleanUp(Runnable task) {
        try {
            cleanup.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // the application is stopping and its executor is gone: clean up here rather than not at all
        }
    }

    /** {@code message} arrived from {@code peer}: the peer is alive; returns whether it is within its rate limits. */
    RateLimiter.Verdict received(String peer, ClientMessage message) {
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

    /** Drops what is queued for {@code peer} and closes its connection now. */
    public void closeNow(String peer, CloseReason reason) {
        Connection connection = connections.get(peer);
        if (connection != null) {
            connection.outbox().closeNow(reason);
        }
    }

    /** The open connections, for the heartbeat; a live view. */
    Map<String, Connection> connections() {
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
    }

    /** Sends what is queued for {@code peer}, then closes its connection. */
    public void closeAfterFlush(String peer, CloseReason reason) {
        Connection connection = connections.get(peer);
        if (connection != null) {
            connection.outbox().closeWhenFlushed(reason);
        }
    }

    @Override
    public void deliver(String peer, ServerMessage message) {
        Connection connection = connections.get(peer);
        if (connection != null) {
            connection.outbox().send(codec.encode(message));
        }
    }

    public int count() {
        return connections.size();
    }

    /** The most messages that ever waited for one receiver on this node, since it started. */
    public long queuePeak() {
        long open = connections.values().stream().mapToLong(connection -> connection.outbox().peakQueued()).max().orElse(0);
        return Math.max(open, closedQueuePeak.get());
    }
}
