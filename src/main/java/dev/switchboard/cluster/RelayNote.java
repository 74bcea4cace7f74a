package dev.switchboard.cluster;

/**
 * What two nodes say to each other about a relay: a connection on one node (the relaying node) that carries
 * a peer whose session another node (its home) holds. Published to the receiving node's channel beside the
 * {@link Envelope}s, in the same text form: one field per line, the frame last.
 *
 * @param relay    the relay's id, chosen by the relaying node
 * @param from     the node that sends the note
 * @param argument what the kind needs besides the text (see {@link Kind}), or empty
 * @param text     the frame, or what the kind says
 */
record RelayNote(Kind kind, String relay, String from, String argument, String text) {

    static final String PREFIX = "relay-1";

    enum Kind {
        /** Relaying node to home: the client presents resume token {@code argument}, access token {@code text}. */
        RESUME,
        /** Home to relaying node: the token resumes nothing here; the relaying node welcomes a new peer. */
        REFUSED,
        /** Home to relaying node: frame {@code text} for the client, in order. */
        TO_CLIENT,
        /** Home to relaying node: ping the client. */
        PING,
        /** Home to relaying node: close the client's connection after what was sent, with code {@code argument}, reason {@code text}. */
        CLOSE,
        /** Relaying node to home: frame {@code text} from the client, in order. */
        FROM_CLIENT,
        /** Relaying node to home: the client answered a ping. */
        HEARD,
        /** Relaying node to home: the client's connection ended as {@code argument} says ({@code Connection.End}), or the relay is unknown there. */
        ENDED
    }

    static RelayNote of(Kind kind, String relay, String from) {
        return new RelayNote(kind, relay, from, "", "");
    }

    String encode() {
        return String.join("\n", PREFIX, kind.name(), relay, from, argument, text);
    }

    static boolean isOne(String payload) {
        return payload.startsWith(PREFIX + "\n");
    }

    /** The note in {@code text}; throws IllegalArgumentException if it is not one. */
    static RelayNote decode(String payload) {
        String[] fields = payload.split("\n", 6);
        if (fields.length != 6 || !PREFIX.equals(fields[0])) {
            throw new IllegalArgumentException("not a relay note of version " + PREFIX);
        }
        return new RelayNote(Kind.valueOf(fields[1]), fields[2], fields[3], fields[4], fields[5]);
    }
}
