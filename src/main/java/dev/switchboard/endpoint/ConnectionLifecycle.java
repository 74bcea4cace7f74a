package dev.switchboard.endpoint;

import dev.switchboard.Unproxied;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.AccessDecision;
import dev.switchboard.access.AccessToken;
import dev.switchboard.access.Verification;
import dev.switchboard.admission.ConnectionLimits;
import dev.switchboard.admission.ConnectionRejection;
import dev.switchboard.admission.RateLimiter;
import dev.switchboard.admission.ResumeAttempts;
import dev.switchboard.connection.Close;
import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.Connector;
import dev.switchboard.connection.Frame;
import dev.switchboard.connection.Outbox;
import dev.switchboard.connection.SessionLimits;
import dev.switchboard.ice.IceServerIssuer;
import dev.switchboard.lifecycle.DrainGate;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.protocol.Auth;
import dev.switchboard.protocol.ClientMessage;
import dev.switchboard.protocol.CreateOrJoin;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.MessageCodec;
import dev.switchboard.protocol.MessageDecoder;
import dev.switchboard.protocol.Oversize;
import dev.switchboard.protocol.ErrorMessage;
import dev.switchboard.protocol.PeerLeft;
import dev.switchboard.protocol.Resumed;
import dev.switchboard.protocol.Welcome;
import dev.switchboard.room.BackendUnavailableException;
import dev.switchboard.resume.Relays;
import dev.switchboard.resume.Resumption;
import dev.switchboard.room.JoinOutcome;
import dev.switchboard.signaling.SignalingService;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of a signaling connection, the same on both endpoints: it opens (admitted, or refused with a
 * close code), its messages are acted on one at a time, and it ends (its room and the directory hear so).
 * The endpoints only forward the container's calls here; this class decides nothing about rooms.
 */
@Unproxied
public class ConnectionLifecycle {

    private static final Logger LOG = Logger.getLogger(ConnectionLifecycle.class.getName());

    private final MessageCodec codec = MessageCodec.shared();
    private final Connector connector;
    private final ConnectedPeers peers;
    private final ConnectionLimits limits;
    private final SessionLimits sessionLimits;
    private final SignalingService signaling;
    private final DrainGate gate;
    private final MessageDecoder decoder;
    private final IceServerIssuer iceServers;
    private final AccessControl accessControl;
    private final SignalingMetrics metrics;
    private final Resumption resumption;
    private final Relays relays;
    private final ResumeAttempts resumeAttempts;

    /** How a connection's opening came out: relayed, when the peer it resumes is another node's, which answers. */
    private enum Admission { REFUSED, WELCOMED, RESUMED, RELAYED }


    @Inject
    public ConnectionLifecycle(Connector connector, ConnectedPeers peers, ConnectionLimits limits,
                               SessionLimits sessionLimits, SignalingService signaling, DrainGate gate,
                               MessageDecoder decoder, IceServerIssuer iceServers, AccessControl accessControl,
                               SignalingMetrics metrics, Resumption resumption, Relays relays,
                               ResumeAttempts resumeAttempts) {
        this.connector = connector;
        this.peers = peers;
        this.limits = limits;
        this.sessionLimits = sessionLimits;
        this.signaling = signaling;
        this.gate = gate;
        this.decoder = decoder;
        this.iceServers = iceServers;
        this.accessControl = accessControl;
        this.metrics = metrics;
        this.resumption = resumption;
        this.relays = relays;
        this.resumeAttempts = resumeAttempts;
    }

    /**
     * A new connection: welcomed, or, over a limit or while the server drains for shutdown, closed before
     * any welcome (1013, 1001); the connections already here are unaffected.
     */
    public Connection opened(Session session) {
        Connection connection = connector.connect(session, this::ended);
        open(connection, Connector.resumeToken(session), Connector.accessToken(session));
        return connection;
    }

    /**
     * A new connection that enters {@code room} at once (create-or-join). If it cannot enter, it is sent the
     * reason and then closed with {@link CloseCodes#ROOM_FULL}, {@link CloseCodes#INVALID_ROOM} or 1013.
     */
    public Connection openedInRoom(Session session, String room) {
        Connection connection = connector.connect(session, this::ended);
        openInRoom(connection, room, Connector.resumeToken(session), Connector.accessToken(session));
        return connection;
    }

    /** {@link #opened} of a connection made with {@link #ended} as its ending, resuming with {@code resumeToken} unless null. */
    void open(Connection connection, String resumeToken) {
        open(connection, resumeToken, null);
    }

    /** {@link #open}, with the access token the handshake presented, which a resume on another node needs. */
    void open(Connection connection, String resumeToken, String accessToken) {
        gate.connection(() -> connection.act(() -> admit(connection, resumeToken, accessToken, () -> { })),
                () -> refuse(connection, ConnectionRejection.SHUTTING_DOWN));
    }

    /** {@link #openedInRoom} of a connection made with {@link #ended} as its ending; a resumed peer stays where it was. */
    void openInRoom(Connection connection, String room, String resumeToken) {
        openInRoom(connection, room, resumeToken, null);
    }

    private void openInRoom(Connection connection, String room, String resumeToken, String accessToken) {
        // One pass of the gate for the welcome and the room entry: a drain sees either both or neither.
        gate.connection(() -> connection.act(() -> {
            if (admit(connection, resumeToken, accessToken, () -> enter(connection, room)) == Admission.WELCOMED) {
                enter(connection, room);
            }
        }), () -> refuse(connection, ConnectionRejection.SHUTTING_DOWN));
    }

    /**
     * In the connection's turn, so that its ending, whenever it comes, follows its registration. Only here,
     * past the origin check and the limits, does a connection get TURN credentials, and resume a session.
     * A resume token of another node's peer goes there: when that node refuses, the connection is welcomed
     * as a new peer then, and {@code thenIfNew} runs after that welcome.
     */
    private Admission admit(Connection connection, String resumeToken, String accessToken, Runnable thenIfNew) {
        if (connection.access().isDenied()) {
            refuse(connection, ConnectionRejection.UNAUTHORIZED);
            return Admission.REFUSED;
        }
        Optional<ConnectionRejection> refusal = limits.admit(connection.address());
        if (refusal.isPresent()) {
            refuse(connection, refusal.get());
            return Admission.REFUSED;
        }
        if (resumeToken != null && !resumeAttempts.tryAttempt(connection.address(), System.nanoTime())) {
            connection.send(Frame.of(codec.encode(ErrorMessage.of(ErrorCode.RATE_LIMITED,
                    "too many resume attempts from your address: this is a new session", null))));
        } else if (resumeToken != null) {
            Optional<Resumption.Claim> claim = resumption.claim(resumeToken, connection.access(), connection.outbox(),
                    peer -> resumed(connection, peer));
            if (claim.isPresent()) {
                resume(connection, claim.get());
                return Admission.RESUMED;
            }
            if (relays.request(connection, resumeToken, accessToken, () -> connection.act(() -> {
                refuseResume(connection);
                welcome(connection);
                thenIfNew.run();
            }))) {
                peers.register(connection); // counted, and drained, with the others while the peer's node answers
                return Admission.RELAYED;
            }
            refuseResume(connection);
        }
        welcome(connection);
        return Admission.WELCOMED;
    }

    /** Before the welcome, so that the client knows the welcome's peer is a new one. */
    private void refuseResume(Connection connection) {
        connection.send(Frame.of(codec.encode(ErrorMessage.of(ErrorCode.RESUME_FAILED,
                "the session cannot be resumed (unknown, used or expired token): this is a new one", null))));
    }

    private void welcome(Connection connection) {
        connection.iceServersIssued(System.nanoTime());
        connection.send(Frame.of(codec.encode(new Welcome(connection.peer(), sessionLimits.heartbeatIntervalMillis(),
                iceServers.issue(connection.peer()), resumption.issueToken(connection.peer()), resumption.windowMillis()))));
        peers.register(connection);
    }

    /**
     * A connection for a peer of this node that comes back on another node of the cluster, whose relay
     * {@code transport} reaches; {@code accessToken} as that node's handshake presented it, or null.
     */
    public Connection relayedConnection(Outbox.Transport transport, String accessToken) {
        return connector.connectRelayed(transport, accessToken, this::ended);
    }

    /**
     * {@code connection}, a {@link #relayedConnection}, presents resume token {@code token}: returns whether
     * it resumed the peer (the peer's {@code resumed} and what was held for it are on their way through it).
     * Otherwise it is dropped, having never been anyone's, and the relaying node welcomes a new peer.
     */
    public boolean resumeRelayed(Connection connection, String token) {
        AtomicBoolean resumed = new AtomicBoolean();
        gate.connection(() -> connection.act(() -> {
            if (connection.access().isDenied() || limits.admit(null).isPresent()) {
                return;
            }
            Optional<Resumption.Claim> claim = resumption.claim(token, connection.access(), connection.outbox(),
                    peer -> resumed(connection, peer));
            if (claim.isPresent()) {
                resume(connection, claim.get());
                resumed.set(true);
            } else {
                limits.release(null);
            }
        }), () -> { });
        if (!resumed.get()) {
            connection.outbox().discard();
        }
        return resumed.get();
    }

    /** The first frame of {@code connection} when it resumes {@code peer}, with a new token. */
    private Frame resumed(Connection connection, String peer) {
        connection.iceServersIssued(System.nanoTime());
        return Frame.of(codec.encode(new Resumed(peer, signaling.roomOf(peer).orElse(null),
                sessionLimits.heartbeatIntervalMillis(), iceServers.issue(peer), resumption.issueToken(peer),
                resumption.windowMillis())));
    }

    /**
     * {@code connection} takes the place of the peer's old one, which handed it {@code resumed} and what was
     * held, in order; the room hears {@code peer-back} if it had heard the peer was away.
     */
    private void resume(Connection connection, Resumption.Claim claim) {
        String peer = claim.peer();
        connection.adopt(peer);
        peers.register(connection); // in the old one's place: deliveries come here from now on
        if (claim.wasAway()) {
            signaling.back(peer);
        }
    }

    private void refuse(Connection connection, ConnectionRejection why) {
        metrics.connectionRejected(why);
        connection.closeNow(switch (why) {
            case ADDRESS_LIMIT -> CloseCodes.tooManyFromAddress();
            case SERVER_FULL -> CloseCodes.serverFull();
            case UNAUTHORIZED -> CloseCodes.unauthorized();
            default -> CloseCodes.goingAway();
        });
    }

    private void enter(Connection connection, String room) {
        String peer = connection.peer();
        AccessDecision decision = connection.access().enterOnConnect(room, InstantSource.system());
        if (decision instanceof AccessDecision.Refused refused) {
            signaling.fail(peer, refused.code(), refused.text(), null);
            connection.closeAfterFlush(CloseCodes.forbidden());
            return;
        }
        boolean create = ((AccessDecision.Allowed) decision).message() instanceof CreateOrJoin;
        Optional<JoinOutcome> outcome;
        try {
            outcome = create ? signaling.enterOnConnect(peer, room) : signaling.joinOnConnect(peer, room);
        } catch (BackendUnavailableException e) {
            signaling.failUnavailable(peer, null);
            connection.closeAfterFlush(CloseCodes.unavailable());
            return;
        }
        if (outcome.isEmpty()) {
            connection.closeAfterFlush(CloseCodes.invalidRoom());
        } else if (outcome.get() instanceof JoinOutcome.Full) {
            connection.closeAfterFlush(CloseCodes.roomFull());
        } else if (outcome.get() instanceof JoinOutcome.TooManyRooms) {
            connection.closeAfterFlush(CloseCodes.tooManyRooms());
        } else if (outcome.get() instanceof JoinOutcome.Empty) {
            connection.closeAfterFlush(CloseCodes.noSuchRoom());
        }
    }

    /**
     * Decodes {@code frame} and acts on the message (a frame that is not one is answered with an error);
     * while the server drains for shutdown, refuses it with error {@code shutting-down} instead, so that no
     * message is lost without its sender being told: the ones acted on before are delivered before the
     * receivers' connections close. A message of a connection that has ended is dropped: nobody would hear
     * its answer, and acting on it could put the peer back in a room after its clean-up.
     */
    public void received(Connection connection, String frame) {
        if (relays.forward(connection, frame)) {
            return; // its peer's node acts on it
        }
        ClientMessage message = decoder.decode(frame);
        connection.act(() -> gate.message(() -> handle(connection, message), () -> signaling.fail(connection.peer(),
                ErrorCode.SHUTTING_DOWN, "server shutting down: message not delivered", message.id())));
    }

    private void handle(Connection connection, ClientMessage message) {
        String peer = connection.peer();
        long now = System.nanoTime();
        connection.heard(now);
        RateLimiter.Verdict verdict = connection.limiter().check(message, now);
        if (message instanceof Oversize) {
            cutOff(connection, CloseCodes.tooBig(), ConnectionRejection.TOO_BIG);
            return;
        }
        if (verdict == RateLimiter.Verdict.ABUSIVE) {
            cutOff(connection, CloseCodes.abusive(), ConnectionRejection.ABUSIVE);
            return;
        }
        if (verdict == RateLimiter.Verdict.LIMITED) {
            signaling.fail(peer, ErrorCode.RATE_LIMITED, "slow down: too many messages", message.id());
            return;
        }
        if (message instanceof Auth auth) {
            renew(connection, auth);
            return;
        }
        AccessDecision decision = connection.access().decide(message, InstantSource.system());
        if (decision instanceof AccessDecision.Refused refused) {
            signaling.fail(peer, refused.code(), refused.text(), message.id());
            return;
        }
        try {
            signaling.handle(peer, ((AccessDecision.Allowed) decision).message());
        } catch (BackendUnavailableException e) {
            LOG.log(Level.FINE, "cluster store unavailable: {0}", e.getMessage());
            signaling.failUnavailable(peer, message.id());
        } catch (RuntimeException e) {
            // The client gets a reference, never the exception; the log gets the rest.
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "failed to handle a " + message.getClass().getSimpleName()
                    + " message, reference " + reference, e);
            signaling.failInternally(peer, reference, message.id());
        }
    }

    /**
     * {@code auth}: a fresh token of the same user replaces the connection's, so that it may enter rooms and
     * log in past the old one's expiry. A refused token changes nothing.
     */
    private void renew(Connection connection, Auth auth) {
        String peer = connection.peer();
        if (!accessControl.required()) {
            signaling.fail(peer, ErrorCode.INVALID_MESSAGE, "access control is off: no token is needed", auth.id());
            return;
        }
        Verification verification = accessControl.verify(auth.token());
        if (verification instanceof Verification.Refused refused) {
            LOG.info(() -> "refused the access token of an auth message: " + refused.reason().tag());
            metrics.tokenRefused(refused.reason());
            signaling.fail(peer, ErrorCode.INVALID_TOKEN, "access token " + refused.reason().tag(), auth.id());
            return;
        }
        AccessToken fresh = ((Verification.Accepted) verification).token();
        if (!connection.access().renew(fresh)) {
            signaling.fail(peer, ErrorCode.FORBIDDEN, "the token is another user's", auth.id());
            return;
        }
        connection.send(Frame.of(codec.encode(Auth.accepted(fresh.expiresAt().getEpochSecond(), auth.id()))));
    }

    /** The peer sent a binary frame, which the protocol has no use for: it is closed with 1003. */
    public void receivedBinary(Connection connection) {
        connection.act(() -> cutOff(connection, CloseCodes.binaryNotAccepted(), ConnectionRejection.BINARY));
    }

    /** Closes the connection after what is queued for it; counted once, however many frames led here. */
    private void cutOff(Connection connection, Close close, ConnectionRejection why) {
        if (connection.closeAfterFlush(close)) {
            metrics.connectionRejected(why);
        }
    }

    /** A pong, or any frame: the peer is alive. */
    public void heard(Connection connection) {
        connection.heard(System.nanoTime());
        relays.heard(connection);
    }

    /**
     * The endpoint's {@code onClose}, with the close code the container reports: 1006 or 1011 when the
     * connection dropped without a close frame (the only kind a peer may resume from), else the close frame's.
     * {@code connection} is null when the close came while the endpoint was still being opened, before it held
     * its connection (Open Liberty 26.0.0.3 calls {@code onClose} from inside the server's own close of a
     * refused connection): that close has ended the connection already.
     */
    public void closed(Connection connection, int code) {
        if (connection == null) {
            return;
        }
        if (code == CloseCodes.CLOSED_ABNORMALLY || code == CloseCodes.INTERNAL_ERROR) {
            // No close frame: the network or the client dropped it, and it may come back. Payara Micro reports
            // that as 1006; Open Liberty 26.0.0.3, after a read error (a reset), as 1011.
            connection.lost();
        } else {
            connection.closed(); // a close frame, the client's or the server's: a goodbye, no resume
        }
    }

    /**
     * Once a connection has ended, on the clean-up executor, after its last message: its room hears that the
     * peer left, the directory that it went offline (reason {@code timeout} after a heartbeat timeout); then
     * the connection is forgotten and its place under the connection limits given back.
     */
    void ended(Connection connection, Connection.End end) {
        if (relays.ended(connection, end)) {
            // Its peer lives on its own node, which has heard how it ended: nothing held here is for anyone.
            // Only a held outbox: a closing one still owes the client its last frames and its close.
            if (connection.outbox().isHeld()) {
                connection.outbox().discard();
            }
            if (peers.forget(connection)) {
                limits.release(connection.address());
            }
            return;
        }
        if (resumption.keep(connection, end)) {
            return; // kept for a resume, or resumed already
        }
        try {
            signaling.disconnected(connection.peer(),
                    end == Connection.End.TIMED_OUT ? PeerLeft.TIMEOUT : PeerLeft.DISCONNECTED);
        } catch (BackendUnavailableException e) {
            // The cluster's store is out of reach: it still lists the peer, and the node removes it there
            // (and tells the others) once the store is back.
            LOG.log(Level.FINE, "cluster store unavailable at a disconnect: {0}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "clean-up of a closed connection failed", e);
        } finally {
            if (peers.forget(connection)) {
                limits.release(connection.address());
            }
        }
    }

    public void failed(Throwable error) {
        // Transport trouble (reset connections, over-size frames) is routine on the internet; the
        // container closes the session and closed() cleans up.
        Level level = error instanceof IOException ? Level.FINE : Level.WARNING;
        LOG.log(level, "connection error for a peer: {0}", error.toString());
    }
}
