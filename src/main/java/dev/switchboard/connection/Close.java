package dev.switchboard.connection;

/**
 * How the server closes a connection: a WebSocket close code and its reason phrase. The application's own
 * type rather than {@code jakarta.websocket.CloseReason}, so that the code deciding to close a connection
 * (heartbeat, drain, cluster) never touches the WebSocket API; {@link SessionTransport} converts it.
 */
public record Close(int code, String reason) {
}
