package dev.switchboard.protocol;

/**
 * A message one member of a room sends to the others. The server relays it unchanged except for
 * {@code from} and {@code room}, which it always sets itself: whatever the client wrote there is discarded.
 */
public sealed interface Signal extends ClientMessage, ServerMessage permits Offer, Answer, Candidate, Bye {

    /** The one member to deliver to, or null for every other member of the room. */
    String to();

    /** This signal as the recipients see it: stamped with the sender and the sender's room. */
    Signal stamped(String from, String room);
}
