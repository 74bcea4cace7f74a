package dev.switchboard.connection;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.Verification;
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
    private AccessControl accessControl;

    protected Connector() { // for the CDI proxy
    }

    @Inject
    public Connector(SessionLimits limits, MessageSizeLimit sizeLimit, RateLimits rateLimits, PeerIds peerIds,
                     ConnectionThreads threads, SignalingMetrics metrics, AccessControl accessControl) {
        this.limits = limits;
        this.sizeLimit = sizeLimit;
        this.rateLimits = rateLimits;
        this.peerIds = peerIds;
        this.threads = threads;
        this.metrics = metrics;
        this.accessControl = accessControl;
    }

    /** A connection for {@code session}, with a new peer id; {@code ending} runs once it has ended. */
    public Connection connect(Session session, Connection.Ending ending) {
        session.setMaxTextMessageBufferSize(sizeLimit.maxBytes());
        session.setMaxBinaryMessageBufferSize(sizeLimit.maxBytes());
        session.getAsyncRemote().setSendTimeout(limits.sendTimeoutMillis());
        long now = System.nanoTime();
        return new Connection(peerIds.next(), parameter(session, AddressedRequest.PARAMETER), access(session),
                new SessionTransport(session, metrics),
                limits.outboxBounds(), rateLimits.newLimiter(now), threads, ending, now);
    }

    /**
     * A connection to a peer of this node that resumed on another node of the cluster, which {@code transport}
     * reaches, with {@code accessToken} (null for none) as that node's handshake presented it; no client
     * address here, so no limit per address.
     */
    public Connection connectRelayed(Outbox.Transport transport, String accessToken, Connection.Ending ending) {
        long now = System.nanoTime();
        return new Connection(peerIds.next(), null, access(accessToken), transport, limits.outboxBounds(),
                rateLimits.newLimiter(now), threads, ending, now);
    }

    /**
     * What the session's access token allows. The handshake filter refused the handshake already if it had
     * no valid token; it is checked again here, so that a session the filter did not see is refused too.
     */
    private Access access(Session session) {
        return access(accessToken(session));
    }

    private Access access(String accessToken) {
        if (!accessControl.required()) {
            return Access.unrestricted();
        }
        return accessControl.verify(accessToken)
                instanceof Verification.Accepted accepted ? Access.of(accepted.token()) : Access.denied();
    }

    /** The access token the handshake presented, or null. */
    public static String accessToken(Session session) {
        return parameter(session, AddressedRequest.TOKEN_PARAMETER);
    }

    /** The handshake's query parameter that resumes a session: {@code ?resume=<token>}. */
    public static final String RESUME_PARAMETER = "resume";

    /** The resume token the handshake presented, or null. */
    public static String resumeToken(Session session) {
        return parameter(session, RESUME_PARAMETER);
    }

    /**
     * A parameter of the handshake: the address {@code HandshakeFilter} gave it (null where no filter ran:
     * no address, no limit), or the access token.
     */
    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
