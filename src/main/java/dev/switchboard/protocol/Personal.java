package dev.switchboard.protocol;

/**
 * A message from one logged-in peer to another, outside rooms: text, an invitation into a room, or the
 * refusal of one. Delivered with {@code from}, {@code fromName} and {@code ts} set by the server.
 */
public sealed interface Personal extends ClientMessage, ServerMessage permits DirectMessage, Invite, Decline {

    /** The addressee: a peerId or the name of a logged-in peer. */
    String to();

    /** This message as its addressee sees it. */
    Personal direct(Sender sender);
}
