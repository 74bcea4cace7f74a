package dev.switchboard.connection;

import dev.switchboard.admission.AddressedRequest;
import dev.switchboard.admission.RateLimits;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.protocol.MessageSizeLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.List;

/** Makes a {@link Connection} of a new WebSocket session: its peer id, limits, outbox and transport. */
@ApplicationScoped
public class Connector {

    private SessionLimits limits;
    private MessageSizeLimit sizeLimit;
    private RateLimits rateLimits;
    private PeerIds peerIds;
    private ConnectionThreads threads;
    private SignalingMetrics metrics;

    protected Connector() { // for the CDI proxy
    }

    @Inject
    public Connector(SessionLimits limits, MessageSizeLimit sizeLimit, RateLimits rateLimits, PeerIds peerIds,
                     ConnectionThreads threads, SignalingMetrics metrics) {
        this.limits = limits;
        this.sizeLimit = sizeLimit;
        this.rateLimits = rateLimits;
        this.peerIds = peerIds;
        this.threads = threads;
        this.metrics = metrics;
    }

    /** A connection for {@code session}, with a new peer id; {@code ending} runs once it has ended. */
    public Connection connect(Session session, Connection.Ending ending) {
        session.setMaxTextMessageBufferSize(sizeLimit.maxBytes());
        session.setMaxBinaryMessageBufferSize(sizeLimit.maxBytes());
        session.getAsyncRemote().setSendTimeout(limits.sendTimeoutMillis());
        long now = System.nanoTime();
        return new Connection(peerIds.next(), clientAddress(session), new SessionTransport(session, metrics),
                limits.outboxBounds(), rateLimits.newLimiter(now), threads, ending, now);
    }

    /** The address {@code HandshakeFilter} gave the handshake; null where no filter ran (no address, no limit). */
    private static String clientAddress(Session session) {
        List<String> values = session.getRequestParameterMap().get(AddressedRequest.PARAMETER);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
