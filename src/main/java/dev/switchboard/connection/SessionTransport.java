package dev.switchboard.connection;

import dev.switchboard.admission.ConnectionRejection;
import dev.switchboard.metrics.SignalingMetrics;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where bytes are written: an {@link Outbox.Transport} over a WebSocket session's asynchronous remote. Only
 * the outbox calls it, from the connection threads ({@link ConnectionThreads}). The remote is asked for at
 * every write rather than kept: Tyrus (Payara Micro) refuses it once the session is closed, and a kept one
 * bypassed that check.
 */
public final class SessionTransport implements Outbox.Transport {

    private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());

    private final Session session;
    private final SignalingMetrics metrics;

    SessionTransport(Session session, SignalingMetrics metrics) {
        this.session = session;
        this.metrics = metrics;
    }

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(frame, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) { // e.g. the session closed under us
            done.accept(e);
        }
    }

    @Override
    public void ping(Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            done.accept(null);
        } catch (IOException | RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void close(Close close) {
        if (close.code() == CloseCodes.SLOW_CONSUMER) { // the outbox's own verdict
            metrics.connectionRejected(ConnectionRejection.SLOW_CONSUMER);
        }
        if (!session.isOpen()) {
            // Closed by the container: mostly a late close's case. This narrows the race with the container's
            // teardown (threading.md); the late close's grace is what makes that race rare.
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(close.code()), close.reason()));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing session {0} failed: {1}", new Object[] {session.getId(), e.toString()});
        }
    }
}
