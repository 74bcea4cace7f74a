package dev.switchboard.connection;

/** Every way the server closes a connection, with the codes documented in docs/protocol.md. */
public final class CloseCodes {

    /** Standard (RFC 6455), never sent: the connection dropped without a close frame, as the container reports it. */
    public static final int CLOSED_ABNORMALLY = 1006;
    /** Standard (RFC 6455): the server is going away (from a client: the page is going away, a goodbye too). */
    public static final int GOING_AWAY = 1001;
    /** Standard: a kind of data the endpoint does not accept (binary frames). */
    public static final int CANNOT_ACCEPT = 1003;
    /** Standard: a policy was broken (the rate limit, persistently). */
    public static final int VIOLATED_POLICY = 1008;
    /** Standard: a message too big to process. */
    public static final int TOO_BIG = 1009;
    /** Standard: the service is restarting. */
    public static final int SERVICE_RESTART = 1012;
    /** Standard: the server met a condition it cannot go on from (a write to the connection failed). */
    public static final int INTERNAL_ERROR = 1011;
    /** Standard: try again later (a limit of the server's, not of this client's behaviour). */
    public static final int TRY_AGAIN_LATER = 1013;

    /** {@code /rooms/{room}}: the room is at capacity. */
    public static final int ROOM_FULL = 4001;
    /** {@code /rooms/{room}}: the room name breaks the naming rule. */
    public static final int INVALID_ROOM = 4002;
    /** The receiver did not keep up: its outbound queue overflowed or a write timed out. */
    public static final int SLOW_CONSUMER = 4003;
    /** The peer answered no ping for {@code switchboard.heartbeat.timeout-ms}. */
    public static final int HEARTBEAT_TIMEOUT = 4004;
    /** The peer resumed its session on another connection, which takes this one's place. */
    public static final int REPLACED = 4006;
    /** The peer was in no room and not logged in for {@code switchboard.session.idle-timeout-ms}. */
    public static final int IDLE = 4005;
    /** Access control is on and the connection's token was not valid when it opened. */
    public static final int UNAUTHORIZED = 4401;
    /** {@code /rooms/{room}}: the access token does not grant the room. */
    public static final int FORBIDDEN = 4403;
    /** {@code /rooms/{room}}: the access token allows only joining, and the room does not exist. */
    public static final int NO_SUCH_ROOM = 4404;

    private CloseCodes() {
    }

    /**
     * The server is shutting down: sent to every connection after what was queued for it, and to connections
     * opened while it drains. Clients reconnect, reaching another server.
     */
    public static Close goingAway() {
        return new Close(GOING_AWAY, "server shutting down");
    }

    /** A frame over the message size limit. */
    public static Close tooBig() {
        return new Close(TOO_BIG, "message too big");
    }

    /** A binary frame: the protocol is text only. */
    public static Close binaryNotAccepted() {
        return new Close(CANNOT_ACCEPT, "binary frames are not accepted");
    }

    /** The client kept sending after being told it was rate-limited. */
    public static Close abusive() {
        return new Close(VIOLATED_POLICY, "rate limit exceeded");
    }

    /** The server holds {@code switchboard.connections.max} connections. */
    public static Close serverFull() {
        return new Close(TRY_AGAIN_LATER, "server full, try again later");
    }

    /** The client's address holds {@code switchboard.connections.max-per-address} connections. */
    public static Close tooManyFromAddress() {
        return new Close(TRY_AGAIN_LATER, "too many connections from your address");
    }

    /** {@code /rooms/{room}}: creating the room would pass {@code switchboard.rooms.max}. */
    public static Close tooManyRooms() {
        return new Close(TRY_AGAIN_LATER, "too many rooms, try again later");
    }

    /** {@code /rooms/{room}}: the cluster's shared store is out of reach, the room could not be entered. */
    public static Close unavailable() {
        return new Close(TRY_AGAIN_LATER, "rooms unavailable, try again later");
    }

    /**
     * This node lost its place in the cluster (its liveness record expired, or Redis lost its data), and with
     * it every room and login of its peers: reconnect.
     */
    public static Close nodeReset() {
        return new Close(SERVICE_RESTART, "node rejoined the cluster, reconnect");
    }

    /** A relay's peer was held by a cluster node that died: its session is gone; the client comes back anew. */
    public static Close homeGone() {
        return new Close(SERVICE_RESTART, "the server that held this session is gone, reconnect");
    }

    public static Close heartbeatTimeout() {
        return new Close(HEARTBEAT_TIMEOUT, "no answer to pings");
    }

    public static Close replaced() {
        return new Close(REPLACED, "session resumed on another connection");
    }

    public static Close idle() {
        return new Close(IDLE, "idle: in no room and not logged in");
    }

    public static Close roomFull() {
        return new Close(ROOM_FULL, "room full");
    }

    public static Close invalidRoom() {
        return new Close(INVALID_ROOM, "invalid room name");
    }

    public static Close unauthorized() {
        return new Close(UNAUTHORIZED, "access token not valid");
    }

    public static Close forbidden() {
        return new Close(FORBIDDEN, "room not granted");
    }

    public static Close noSuchRoom() {
        return new Close(NO_SUCH_ROOM, "no such room");
    }

    /**
     * A write failed other than by timing out: the connection is broken or the client is closing it. Sent only
     * when the container has not closed such a connection itself after a grace, so it rarely reaches anyone;
     * it ends the session on the server's side all the same.
     */
    public static Close writeFailed() {
        return new Close(INTERNAL_ERROR, "write failed");
    }

    public static Close slowConsumer(String why) {
        return new Close(SLOW_CONSUMER, why);
    }
}
