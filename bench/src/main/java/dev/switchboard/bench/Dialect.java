package dev.switchboard.bench;

import java.net.URI;

/**
 * How one server's clients speak: its URL, its control frames, and how an offer, an answer or a
 * candidate is framed. A probe travels inside the payload as a plain string.
 */
interface Dialect {

    /** What a control frame (one without a probe) from the server means. */
    enum Kind { READY, ENTERED, FULL, ERROR, OTHER }

    /** A control frame's meaning, and the frame to answer with at once (a ping's pong), if any. */
    record Inbound(Kind kind, String reply) {
        static final Inbound OTHER = new Inbound(Kind.OTHER, null);
    }

    String name();

    /** Where {@code peerId} connects: {@code host} is a loopback address, {@code port} the server's. */
    URI uri(String host, int port, String peerId);

    /** True when the connection is usable as soon as it opens; otherwise a frame says so ({@link Kind#READY}). */
    default boolean readyOnOpen() {
        return false;
    }

    Inbound read(String frame);

    /** False when the server has no rooms (PeerJS): a pair of ids is the room. */
    default boolean hasRooms() {
        return true;
    }

    String join(String room);

    /** The frame that takes a peer out of its room, or null when there is nothing to send. */
    String leave();

    /** An SDP-carrying message ({@code o} offer, {@code a} answer) or a candidate ({@code c}) to {@code peer}. */
    String signal(char kind, String toPeerId, String body);

    /** A frame the client must send now and then to stay connected, or null. */
    default String keepAlive() {
        return null;
    }
}
