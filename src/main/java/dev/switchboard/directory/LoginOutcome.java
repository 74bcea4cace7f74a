package dev.switchboard.directory;

import java.util.List;

/** What became of a login. Only {@link LoggedIn} lists the peer. */
public sealed interface LoginOutcome {

    /**
     * The peer is listed under {@code peer.name()}. {@code everyone}: who was listed right after the login,
     * the newcomer included, when the directory can tell in the same atomic step (a shared directory, where
     * other nodes log peers in meanwhile); null otherwise, and then the caller reads it under its own lock.
     */
    record LoggedIn(OnlinePeer peer, List<OnlinePeer> everyone) implements LoginOutcome {

        public LoggedIn {
            everyone = everyone == null ? null : List.copyOf(everyone);
        }

        public LoggedIn(OnlinePeer peer) {
            this(peer, null);
        }
    }

    /** Another peer is listed under that name (ignoring case). */
    record NameTaken() implements LoginOutcome {
    }

    /** This peer is listed already, under {@code name}. */
    record AlreadyLoggedIn(String name) implements LoginOutcome {
    }

    /** The directory holds as many peers as it may. */
    record DirectoryFull() implements LoginOutcome {
    }
}
