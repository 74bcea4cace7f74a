package dev.switchboard.endpoint;

import dev.switchboard.connection.Connection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * One client's WebSocket connection, on {@code /signal} or on {@code /rooms/{room}} (where connecting is
 * create-or-join of {@code room}; a peer that cannot enter is told why and disconnected). One instance per
 * connection; it only hands the container's calls to the {@link ConnectionLifecycle}.
 *
 * <p>A programmatic endpoint rather than an annotated one: the containers call its handlers directly, where
 * they call annotated methods through reflection on every message and keep objects per annotated method
 * for every connection (docs/performance.md).
 */
public final class PeerSocket extends Endpoint {

    /** The path parameter of {@code /rooms/{room}}; {@code /signal} has none. */
    static final String ROOM = "room";

    private final ConnectionLifecycle lifecycle;

    /** Volatile: a refused connection's close may reach {@link #onClose} on another thread. */
    private volatile Connection connection;

    PeerSocket(ConnectionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::received);
        // Binary frames are not part of the protocol. Handled, not left to the container, because Open
        // Liberty 26.0.0.3 checks the size limit only for messages an endpoint has a handler for: without one
        // it buffers a binary frame of any declared length (2^62 bytes) for as long as the client sends.
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) this::receivedBinary);
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) this::heard);
        String room = session.getPathParameters().get(ROOM);
        connection = room == null ? lifecycle.opened(session) : lifecycle.openedInRoom(session, room);
    }

    private void received(String frame) {
        lifecycle.received(connection, frame);
    }

    private void receivedBinary(ByteBuffer data) {
        lifecycle.receivedBinary(connection);
    }

    private void heard(PongMessage pong) {
        lifecycle.heard(connection);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        lifecycle.closed(connection, reason.getCloseCode().getCode());
    }

    @Override
    public void onError(Session session, Throwable error) {
        lifecycle.failed(error);
    }
}
