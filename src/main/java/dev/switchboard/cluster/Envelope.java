package dev.switchboard.cluster;

import dev.switchboard.protocol.Created;
import dev.switchboard.protocol.Empty;
import dev.switchboard.protocol.Full;
import dev.switchboard.protocol.Joined;
import dev.switchboard.protocol.PeerJoined;
import dev.switchboard.protocol.PeerLeft;
import dev.switchboard.protocol.PeerOffline;
import dev.switchboard.protocol.PeerOnline;
import dev.switchboard.protocol.Personal;
import dev.switchboard.protocol.Presence;
import dev.switchboard.protocol.RelayedSignal;
import dev.switchboard.protocol.ServerMessage;

/**
 * One message for one peer on another node, as published to that node's channel: the encoded frame, and
 * what the receiving node needs to deliver it in the right order and keep its view of rooms current.
 * Text, one field per line, the frame last (JSON-B writes no raw line breaks, but the frame may hold any).
 */
record Envelope(Kind kind, String recipient, String room, String subject, String frame) {

    private static final String VERSION = "1";

    /** What the message is to the receiving node. */
    enum Kind {
        /** {@code subject} entered {@code room}. */
        JOINED,
        /** {@code subject} left {@code room}. */
        LEFT,
        /** A signal relayed in {@code room}: delivered only while the recipient is still a member. */
        ROOM,
        /** A presence change: delivered in the directory's order, only while the recipient is logged in. */
        PRESENCE,
        /** A message between logged-in peers: delivered only while the recipient is logged in. */
        DIRECT,
        /** Anything else. */
        OTHER
    }

    static Envelope of(String recipient, ServerMessage message, String frame) {
        if (message instanceof PeerJoined joined) {
            return new Envelope(Kind.JOINED, recipient, joined.room(), joined.peerId(), frame);
        }
        if (message instanceof PeerLeft left) {
            return new Envelope(Kind.LEFT, recipient, left.room(), left.peerId(), frame);
        }
        if (message instanceof RelayedSignal signal && signal.room() != null) {
            return new Envelope(Kind.ROOM, recipient, signal.room(), "", frame);
        }
        if (message instanceof Created || message instanceof Joined || message instanceof Full
                || message instanceof Empty) {
            return new Envelope(Kind.OTHER, recipient, "", "", frame); // replies go to the requester, on its own node
        }
        if (message instanceof Presence || message instanceof PeerOnline || message instanceof PeerOffline) {
            return new Envelope(Kind.PRESENCE, recipient, "", "", frame);
        }
        if (message instanceof RelayedSignal || message instanceof Personal) {
            return new Envelope(Kind.DIRECT, recipient, "", "", frame);
        }
        return new Envelope(Kind.OTHER, recipient, "", "", frame);
    }

    String encode() {
        return String.join("\n", VERSION, kind.name(), recipient, room, subject, frame);
    }

    /** The envelope in {@code text}; throws IllegalArgumentException if it is not one. */
    static Envelope decode(String text) {
        String[] fields = text.split("\n", 6);
        if (fields.length != 6 || !VERSION.equals(fields[0])) {
            throw new IllegalArgumentException("not an envelope of version " + VERSION);
        }
        return new Envelope(Kind.valueOf(fields[1]), fields[2], fields[3], fields[4], fields[5]);
    }
}
