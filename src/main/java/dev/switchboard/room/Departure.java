package dev.switchboard.room;

import java.util.List;

/** A peer left {@code room}; {@code remaining} are the members still there (none if the room is gone). */
public record Departure(String room, List<String> remaining) {

    public Departure {
        remaining = List.copyOf(remaining);
    }
}
