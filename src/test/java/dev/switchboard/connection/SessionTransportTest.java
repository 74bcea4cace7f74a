package dev.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.switchboard.admission.ConnectionRejection;
import dev.switchboard.metrics.SignalingMetrics;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How the transport speaks to a WebSocket session: asynchronous sends, pings, closes with our codes. */
class SessionTransportTest {

    private final List<String> calls = new ArrayList<>();
    private final List<ConnectionRejection> rejections = new ArrayList<>();
    /** What the session's asynchronous sends answer; null for success. */
    private Throwable sendFailure;
    private RuntimeException thrownBySend;
    private final AtomicReference<CloseReason> closedWith = new AtomicReference<>();
    private boolean open = true;

    private final SessionTransport transport = new SessionTransport(session(), new SignalingMetrics() {
        @Override
        public void connectionRejected(ConnectionRejection reason) {
            rejections.add(reason);
        }
    });

    private Session session() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    switch (method.getName()) {
                        case "sendText" -> {
                            if (thrownBySend != null) {
                                throw thrownBySend;
                            }
                            ((SendHandler) args[1]).onResult(sendFailure == null ? new SendResult() : new SendResult(sendFailure));
                        }
                        case "sendPing" -> assertEquals(0, ((ByteBuffer) args[0]).remaining());
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "close" -> {
                        closedWith.set((CloseReason) args[0]);
                        yield null;
                    }
                    case "getId" -> "s1";
                    case "isOpen" -> open;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aSendCompletesWithTheSessionsResult() {
        AtomicReference<Throwable> done = new AtomicReference<>(new Throwable("not called"));
        transport.send("{}", done::set);
        assertNull(done.get());
        sendFailure = new IOException("reset");
        transport.send("{}", done::set);
        assertSame(sendFailure, done.get());
        assertEquals(List.of("sendText", "sendText"), calls);
    }

    @Test
    void aSendRefusedAtOnceCompletesAsAFailure() {
        thrownBySend = new IllegalStateException("session closed");
        AtomicReference<Throwable> done = new AtomicReference<>();
        transport.send("{}", done::set);
        assertSame(thrownBySend, done.get());
    }

    @Test
    void aPingIsAnEmptyPingFrame() {
        AtomicReference<Throwable> done = new AtomicReference<>(new Throwable("not called"));
        transport.ping(done::set);
        assertNull(done.get());
        assertEquals(List.of("sendPing"), calls);
    }

    @Test
    void aCloseCarriesTheCodeAndReasonAndASlowConsumerIsCounted() {
        transport.close(CloseCodes.slowConsumer("outbound queue over 8 messages"));
        assertEquals(CloseCodes.SLOW_CONSUMER, closedWith.get().getCloseCode().getCode());
        assertEquals("outbound queue over 8 messages", closedWith.get().getReasonPhrase());
        assertEquals(List.of(ConnectionRejection.SLOW_CONSUMER), rejections);
        transport.close(CloseCodes.goingAway());
        assertEquals(CloseCodes.GOING_AWAY, closedWith.get().getCloseCode().getCode());
        assertEquals(1, rejections.size());
        assertInstanceOf(CloseReason.class, closedWith.get());
    }

    @Test
    void aSessionTheContainerClosedIsNotClosedAgain() {
        open = false;
        transport.close(CloseCodes.writeFailed());
        assertNull(closedWith.get());
    }
}
