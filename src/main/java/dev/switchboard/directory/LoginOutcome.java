package dev.switchboard.directory;

/** What became of a login. Only {@link LoggedIn} lists the peer. */
public sealed interface LoginOutcome {

    /** The peer is listed under {@code peer.name()}. */
    record LoggedIn(OnlinePeer peer) implements LoginOutcome {
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
