package dev.switchboard.connection;

import jakarta.websocket.CloseReason;

/** Application close codes (4000-4999), as documented in docs/protocol.md. */
public final class CloseCodes {

    /** {@code /rooms/{room}}: the room is at capacity. */
    public static final int ROOM_FULL = 4001;
    /** {@code /rooms/{room}}: the room name breaks the naming rule. */
    public static final int INVALID_ROOM = 4002;
    /** The receiver did not keep up: its outbound queue overflowed or a write failed or timed out. */
    public static final int SLOW_CONSUMER = 4003;
    /** The peer answered no ping for {@code switchboard.heartbeat.timeout-ms}. */
    public static final int HEARTBEAT_TIMEOUT = 4004;
    /** The peer was in no room and not logged in for {@code switchboard.session.idle-timeout-ms}. */
    public static final int IDLE = 4005;

    private CloseCodes() {
    }

    /**
     * The server is shutting down (the standard code 1001, going away): sent to every connection after what
     * was queued for it, and to connections opened while it drains. Clients reconnect, reaching another server.
     */
    public static CloseReason goingAway() {
        return new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
    }

    /** A frame over the message size limit (the standard code 1009). */
    public static CloseReason tooBig() {
        return new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message too big");
    }

    /** A binary frame: the protocol is text only (the standard code 1003). */
    public static CloseReason binaryNotAccepted() {
        return new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "binary frames are not accepted");
    }

    /** The client kept sending after being told it was rate-limited (the standard code 1008). */
    public static CloseReason abusive() {
        return new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "rate limit exceeded");
    }

    /** The server holds {@code switchboard.connections.max} connections (the standard code 1013). */
    public static CloseReason serverFull() {
        return new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "server full, try again later");
    }

    /** The client's address holds {@code switchboard.connections.max-per-address} connections (1013). */
    public static CloseReason tooManyFromAddress() {
        return new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too many connections from your address");
    }

    /** {@code /rooms/{room}}: creating the room would pass {@code switchboard.rooms.max} (1013). */
    public static CloseReason tooManyRooms() {
        return new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too many rooms, try again later");
    }

    /** {@code /rooms/{room}}: the cluster's shared store is out of reach, the room could not be entered (1013). */
    public static CloseReason unavailable() {
        return new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "rooms unavailable, try again later");
    }

    /**
     * This node lost its place in the cluster (its liveness record expired, or Redis lost its data), and with
     * it every room and login of its peers (the standard code 1012, service restart): reconnect.
     */
    public static CloseReason nodeReset() {
        return new CloseReason(CloseReason.CloseCodes.SERVICE_RESTART, "node rejoined the cluster, reconnect");
    }

    public static CloseReason heartbeatTimeout() {
        return reason(HEARTBEAT_TIMEOUT, "no answer to pings");
    }

    public static CloseReason idle() {
        return reason(IDLE, "idle: in no room and not logged in");
    }

    public static CloseReason roomFull() {
        return reason(ROOM_FULL, "room full");
    }

    public static CloseReason invalidRoom() {
        return reason(INVALID_ROOM, "invalid room name");
    }

    public static CloseReason slowConsumer(String why) {
        return reason(SLOW_CONSUMER, why);
    }

    private static CloseReason reason(int code, String phrase) {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), phrase);
    }
}
