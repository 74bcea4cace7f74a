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
 * An {@link Outbox.Transport} over a WebSocket session's asynchronous remote.
 * After closing the session it runs {@code afterClose} itself: a container need not call {@code @OnClose}
 * for a close the server made (Open Liberty 26.0.0.3 does not when the close happens during {@code @OnOpen}).
 */
final class SessionTransport implements Outbox.Transport {

    private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());

    private final Session session;
    private final Runnable afterClose;
    private final SignalingMetrics metrics;

    SessionTransport(Session session, Runnable afterClose, SignalingMetrics metrics) {
        this.session = session;
        this.afterClose = afterClose;
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
    public void close(CloseReason reason) {
        if (reason.getCloseCode().getCode() == CloseCodes.SLOW_CONSUMER) { // the outbox's own verdict
            metrics.connectionRejected(ConnectionRejection.SLOW_CONSUMER);
        }
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing session {0} failed: {1}", new Object[] {session.getId(), e.toString()});
        } finally {
            afterClose.run();
        }
    }
}
