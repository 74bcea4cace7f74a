package dev.switchboard.room;

import java.util.ArrayList;
import java.util.List;

/** An immutable snapshot of a room: its name and its members in order of arrival. */
public record Room(String name, List<String> members) {

    public Room {
        members = List.copyOf(members);
    }

    public boolean hasMember(String peer) {
        return members.contains(peer);
    }

    /** This room with {@code peer} added as its newest member. */
    public Room with(String peer) {
        List<String> more = new ArrayList<>(members);
        more.add(peer);
        return new Room(name, more);
    }

    /** This room without {@code peer}. */
    public Room without(String peer) {
        List<String> fewer = new ArrayList<>(members);
        fewer.remove(peer);
        return new Room(name, fewer);
    }
}
