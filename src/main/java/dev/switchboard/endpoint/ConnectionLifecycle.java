package dev.switchboard.endpoint;

import dev.switchboard.admission.ConnectionRejection;
import dev.switchboard.admission.RateLimiter;
import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.lifecycle.DrainGate;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.protocol.ClientMessage;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.MessageDecoder;
import dev.switchboard.protocol.Oversize;
import dev.switchboard.protocol.PeerLeft;
import dev.switchboard.room.BackendUnavailableException;
import dev.switchboard.room.JoinOutcome;
import dev.switchboard.signaling.SignalingService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The life of a signaling connection, the same on every endpoint: open, messages, close, errors. */
@ApplicationScoped
public class ConnectionLifecycle {

    private static final Logger LOG = Logger.getLogger(ConnectionLifecycle.class.getName());

    private ConnectedPeers peers;
    private SignalingService signaling;
    private DrainGate admission;
    private MessageDecoder decoder;
    private SignalingMetrics metrics;

    protected ConnectionLifecycle() { // for the CDI proxy
    }

    @Inject
    public ConnectionLifecycle(ConnectedPeers peers, SignalingService signaling, DrainGate admission,
                             MessageDecoder decoder, SignalingMetrics metrics) {
        this.peers = peers;
        this.signaling = signaling;
        this.admission = admission;
        this.decoder = decoder;
        this.metrics = metrics;
    }

    /**
     * Returns the new peer's id; the peer has been sent its welcome, or, while the server drains for
     * shutdown, closed with 1001 instead.
     */
    public String opened(Session session) {
        return admission.connection(() -> peers.open(session, this::forget), () -> refused(session));
    }

    private String refused(Session session) {
        metrics.connectionRejected(ConnectionRejection.SHUTTING_DOWN);
        return peers.refuse(session, this::forget, CloseCodes.goingAway());
    }

    /**
     * Opens a connection that enters {@code room} at once (create-or-join). If it cannot enter, it is sent
     * the reason and then closed with {@link CloseCodes#ROOM_FULL} or {@link CloseCodes#INVALID_ROOM}.
     */
    public String openedInRoom(Session session, String room) {
        // One admission for the welcome and the room entry: a drain sees either both or neither.
        return admission.connection(() -> {
            String peer = peers.open(session, this::forget);
            Optional<JoinOutcome> outcome;
            try {
                outcome = signaling.enterOnConnect(peer, room);
            } catch (BackendUnavailableException e) {
                signaling.failUnavailable(peer, null);
                peers.closeAfterFlush(peer, CloseCodes.unavailable());
                return peer;
            }
            if (outcome.isEmpty()) {
                peers.closeAfterFlush(peer, CloseCodes.invalidRoom());
            } else if (outcome.get() instanceof JoinOutcome.Full) {
                peers.closeAfterFlush(peer, CloseCodes.roomFull());
            } else if (outcome.get() instanceof JoinOutcome.TooManyRooms) {
                peers.closeAfterFlush(peer, CloseCodes.tooManyRooms());
            }
            return peer;
        }, () -> refused(session));
    }

    /**
     * Decodes {@code frame} and acts on the message (a frame that is not one is answered with an error);
     * while the server drains for shutdown, refuses it with error {@code shutting-down} instead, so that no
     * message is lost without its sender being told: the ones acted on before are delivered before the
     * receivers' connections close.
     */
    public void received(String peer, String frame) {
        ClientMessage message = decoder.decode(frame);
        admission.message(() -> handle(peer, message), () -> signaling.fail(peer, ErrorCode.SHUTTING_DOWN,
                "server shutting down: message not delivered", message.id()));
    }

    private void handle(String peer, ClientMessage message) {
        RateLimiter.Verdict verdict = peers.received(peer, message);
        if (message instanceof Oversize) {
            cutOff(peer, CloseCodes.tooBig(), ConnectionRejection.TOO_BIG);
            return;
        }
        if (verdict == RateLimiter.Verdict.ABUSIVE) {
            cutOff(peer, CloseCodes.abusive(), ConnectionRejection.ABUSIVE);
            return;
        }
        if (verdict == RateLimiter.Verdict.LIMITED) {
            signaling.fail(peer, ErrorCode.RATE_LIMITED, "slow down: too many messages", message.id());
            return;
        }
        try {
            signaling.handle(peer, message);
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

    /** The peer sent a binary frame, which the protocol has no use for: it is closed with 1003. */
    public void receivedBinary(String peer) {
        cutOff(peer, CloseCodes.binaryNotAccepted(), ConnectionRejection.BINARY);
    }

    /** Closes the peer's connection after what is queued for it; counted once, however many frames led here. */
    private void cutOff(String peer, CloseReason reason, ConnectionRejection why) {
        if (peers.closeAfterFlush(peer, reason)) {
            metrics.connectionRejected(why);
        }
    }

    /**
     * The endpoint's {@code @OnClose}: the connection is gone. Its clean-up runs later, on another thread:
     * a runtime may call {@code @OnClose} on a thread that is delivering to this peer under a room's or the
     * directory's lock (Payara Micro 6's Tyrus does when the write fails; Open Liberty does from inside
     * {@code Session.close}), and the clean-up takes such locks itself, so two such threads would deadlock.
     * The container calls no {@code @OnMessage} after {@code @OnClose}, so the clean-up follows every message.
     */
    public void closed(String peer) {
        if (peer == null) {
            // Closed during its own @OnOpen (refused: server full or draining), before the endpoint learnt
            // its peer id: Open Liberty 26.0.0.3 calls @OnClose from inside Session.close there. The server's
            // close cleans that connection up itself.
            return;
        }
        peers.cleanUpLater(() -> forget(peer));
    }

    /**
     * Its room hears once that the peer left, the directory that it went offline; then the connection is
     * forgotten. Runs after the endpoint's {@code @OnClose} and after the server's own closes, possibly both
     * and concurrently; the registry's leave makes the second a no-op.
     */
    private void forget(String peer) {
        try {
            signaling.disconnected(peer);
        } catch (BackendUnavailableException e) {
            // The cluster's store is out of reach: it still lists the peer, and the node removes it there
            // (and tells the others) once the store is back.
            LOG.log(Level.FINE, "cluster store unavailable at a disconnect: {0}", e.getMessage());
        } finally {
            peers.closed(peer);
        }
    }

    /** A pong, or any frame: the peer is alive. */
    public void heard(String peer) {
        peers.heard(peer);
    }

    /** The peer answered no ping for too long: its room and the directory hear so, and it is cut off. */
    public void timedOut(String peer) {
        try {
            signaling.disconnected(peer, PeerLeft.TIMEOUT);
        } catch (BackendUnavailableException e) {
            LOG.log(Level.FINE, "cluster store unavailable at a timeout: {0}", e.getMessage());
        } finally {
            // Counted once, though a later beat may find it silent again before it is forgotten.
            if (peers.closeNow(peer, CloseCodes.heartbeatTimeout())) {
                metrics.heartbeatTimedOut();
            }
        }
    }

    public void failed(String peer, Throwable error) {
        // Transport trouble (reset connections, over-size frames) is routine on the internet; the
        // container closes the session and closed() cleans up.
        Level level = error instanceof IOException ? Level.FINE : Level.WARNING;
        LOG.log(level, "connection error for a peer: {0}", error.toString());
    }
}
