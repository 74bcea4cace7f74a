package dev.switchboard.directory;

import java.util.List;
import java.util.Optional;

/**
 * Who is logged in, under which name. Like the room registry it deals in peer ids and names only, so a
 * shared implementation can replace the in-memory one.
 *
 * <p>Invariants, whatever the interleaving of calls: a name (ignoring case) belongs to at most one peer;
 * a peer has at most one name; the directory never lists more peers than its limit.
 */
public interface Directory {

    /** Lists {@code peer} under {@code name}, which must be normalised ({@link DisplayName#normalize}). */
    LoginOutcome login(String peer, String name);

    /** Removes {@code peer}; empty if it was not listed. */
    Optional<OnlinePeer> logout(String peer);

    /** The listed peer with this id, or else with this name (ignoring case). */
    Optional<OnlinePeer> find(String peerIdOrName);

    /** Whether {@code peer} is listed. */
    Optional<OnlinePeer> entryOf(String peer);

    /** Everyone listed, in no particular order. */
    List<OnlinePeer> online();

    /** How many peers are listed. */
    int count();
}
