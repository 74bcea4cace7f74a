package dev.switchboard.protocol;

/**
 * WebRTC signaling between two or more peers: within a room, or directly between logged-in peers outside
 * rooms. The server relays it unchanged except for the fields that say where it comes from ({@code from},
 * {@code fromName}, {@code room}, {@code ts}), which it always sets itself: whatever the client wrote there
 * is discarded.
 */
public sealed interface Signal extends ClientMessage, ServerMessage permits Offer, Answer, Candidate, Bye {

    /** The peer to deliver to; in a room, null means every other member. */
    String to();

    /** The room it is relayed in, as the server set it; null when it is sent directly (or by a client). */
    String room();

    /** This signal as the other members of the sender's room see it. */
    Signal inRoom(String from, String room);

    /** This signal as its addressee sees it when sent directly, outside rooms. */
    Signal direct(Sender sender);
}
