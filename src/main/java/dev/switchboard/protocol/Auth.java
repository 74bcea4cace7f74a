package dev.switchboard.protocol;

/**
 * Both directions of a token renewal: the client sends a fresh access {@code token}; the server replies
 * with the same type, {@code ok: true} and when the new token expires ({@code expiresAt}, Unix seconds).
 * Fields of the other direction are ignored.
 */
public record Auth(String token, Boolean ok, Long expiresAt, Object id, Object ref)
        implements ClientMessage, ServerMessage, Message {

    public static Auth accepted(long expiresAt, Object ref) {
        return new Auth(null, true, expiresAt, null, ref);
    }

    /** The token never travels back, nor into a log: a record's toString would print it. */
    @Override
    public String toString() {
        return "Auth[ok=" + ok + ", expiresAt=" + expiresAt + "]";
    }
}
