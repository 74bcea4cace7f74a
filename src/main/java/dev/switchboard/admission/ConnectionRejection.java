package dev.switchboard.admission;

/** Why a connection was turned away or cut off; the {@code reason} tag of {@code switchboard.connections.rejected}. */
public enum ConnectionRejection {
    /** With access control on, the handshake had no valid access token: HTTP 401, no connection. */
    UNAUTHORIZED("unauthorized"),
    /** The handshake's Origin is not allowed: HTTP 403, no connection. */
    ORIGIN("origin"),
    /** The server holds {@code switchboard.connections.max} connections: 1013. */
    SERVER_FULL("server-full"),
    /** The client's address holds {@code switchboard.connections.max-per-address} connections: 1013. */
    ADDRESS_LIMIT("address-limit"),
    /** Opened while the server drains for shutdown: 1001. */
    SHUTTING_DOWN("shutting-down"),
    /** Kept sending over its rate limit after its allowance of refusals ({@code rate.max-rejected}) ran out: 1008. */
    ABUSIVE("abusive"),
    /** A frame over {@code switchboard.message.max-bytes}: 1009. */
    TOO_BIG("too-big"),
    /** A binary frame: 1003. */
    BINARY("binary"),
    /** A receiver whose queue overflowed or whose write timed out: 4003. */
    SLOW_CONSUMER("slow-consumer");

    private final String tag;

    ConnectionRejection(String tag) {
        this.tag = tag;
    }

    /** The value of the {@code reason} tag. */
    public String tag() {
        return tag;
    }
}
