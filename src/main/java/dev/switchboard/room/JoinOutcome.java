package dev.switchboard.room;

import java.util.List;

/** What became of a request to enter a room. Only {@link Created} and {@link Joined} admit the peer. */
public sealed interface JoinOutcome {

    String room();

    /** The peer created the room and is its only member. */
    record Created(String room) implements JoinOutcome {
    }

    /** The peer entered the room; {@code others} were members before it, in order of arrival. */
    record Joined(String room, List<String> others) implements JoinOutcome {
        public Joined {
            others = List.copyOf(others);
        }
    }

    /** The room is at capacity. */
    record Full(String room) implements JoinOutcome {
    }

    /** Creating the room would pass the registry's limit on rooms. */
    record TooManyRooms(String room) implements JoinOutcome {
    }

    /** The room does not exist. */
    record Empty(String room) implements JoinOutcome {
    }

    /** A create found the room already there. */
    record RoomExists(String room) implements JoinOutcome {
    }

    /** The peer is already a member of a room ({@code room}) and must leave it first. */
    record AlreadyInRoom(String room) implements JoinOutcome {
    }
}
