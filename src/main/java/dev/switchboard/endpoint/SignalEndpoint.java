package dev.switchboard.endpoint;

import dev.switchboard.connection.Connection;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/** {@code /signal}: the client creates, joins and leaves rooms with messages. One instance per connection. */
@Dependent // a bean-defining annotation, so the container injects into the endpoint
@ServerEndpoint(value = "/signal")
public class SignalEndpoint {

    @Inject
    ConnectionLifecycle lifecycle;

    /** Volatile: a refused connection's close may reach {@code @OnClose} on another thread. */
    private volatile Connection connection;

    @OnOpen
    public void onOpen(Session session) {
        connection = lifecycle.opened(session);
    }

    @OnMessage
    public void onMessage(String frame) {
        lifecycle.received(connection, frame);
    }

    /**
     * Binary frames are not part of the protocol. Declared, not left to the container, because Open
     * Liberty 26.0.0.3 checks the size limit only for messages an endpoint has a method for: without one
     * it buffers a binary frame of any declared length (2^62 bytes) for as long as the client sends.
     */
    @OnMessage
    public void onBinary(ByteBuffer data) {
        lifecycle.receivedBinary(connection);
    }

    @OnMessage
    public void onPong(PongMessage pong) {
        lifecycle.heard(connection);
    }

    @OnClose
    public void onClose(CloseReason reason) {
        lifecycle.closed(connection, reason.getCloseCode().getCode());
    }

    @OnError
    public void onError(Throwable error) {
        lifecycle.failed(error);
    }
}
