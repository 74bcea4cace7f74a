package dev.switchboard.room;

import java.util.Optional;

/**
 * Decides who is in which room. It deals in room names and peer ids only, never in connections, so an
 * implementation shared by several nodes can replace the in-memory one without touching the endpoints.
 *
 * <p>Invariants every implementation keeps, whatever the interleaving of calls:
 * <ul>
 *   <li>a room never has more members than {@link #capacity()};</li>
 *   <li>a peer is a member of at most one room;</li>
 *   <li>a room exists exactly while it has members: it is created with its first member and removed
 *       with its last, so no empty room is ever left behind;</li>
 *   <li>each incarnation of a room is reported {@link JoinOutcome.Created} to exactly one peer.</li>
 * </ul>
 * Room names passed in must be valid ({@link RoomName#isValid}).
 */
public interface RoomRegistry {

    /** Creates {@code room} with {@code peer} as its only member, unless it exists. */
    JoinOutcome create(String room, String peer);

    /** Adds {@code peer} to the existing {@code room}, unless it is full. */
    JoinOutcome join(String room, String peer);

    /** Joins {@code room}, or creates it if it does not exist. */
    JoinOutcome createOrJoin(String room, String peer);

    /** Removes {@code peer} from its room; empty if it was in none. */
    Optional<Departure> leave(String peer);

    /** The room {@code peer} is in, as a snapshot of its members at the time of the call. */
    Optional<Room> roomOf(String peer);

    /** The most members a room may have. */
    int capacity();

    /** Current number of rooms and of peers in rooms. */
    Occupancy occupancy();
}
