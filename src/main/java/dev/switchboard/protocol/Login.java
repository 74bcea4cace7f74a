package dev.switchboard.protocol;

/**
 * Both directions of a login: the client sends {@code name}; the server replies with the same type,
 * {@code ok: true}, the name as registered and the peer's id. Fields of the other direction are ignored.
 */
public record Login(String name, Boolean ok, String peerId, Object id, Object ref)
        implements ClientMessage, ServerMessage, Message {

    public static Login accepted(String name, String peerId, Object ref) {
        return new Login(name, true, peerId, null, ref);
    }
}
