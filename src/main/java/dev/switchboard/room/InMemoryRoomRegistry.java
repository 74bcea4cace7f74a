package dev.switchboard.room;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The single-node registry. Every membership change of a room happens inside one
 * {@link ConcurrentHashMap#compute} on that room's entry, which holds the entry's lock: capacity checks,
 * creation, removal of the last member and the peer's claim on {@link #roomOfPeer} are therefore one
 * atomic step per room, while different rooms change in parallel. Readers see immutable {@link Room}
 * snapshots without locking. The number of rooms is bounded: a room is counted inside the compute that
 * creates it, before it exists, so concurrent creations of different rooms cannot pass the bound together.
 */
public final class InMemoryRoomRegistry implements RoomRegistry {

    private enum Mode { CREATE, JOIN, CREATE_OR_JOIN }

    private final int capacity;
    private final int maxRooms;
    private final AtomicInteger roomCount = new AtomicInteger();
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    /** The room of each member. A peer claims its entry inside the room's compute, so it cannot claim two. */
    private final Map<String, String> roomOfPeer = new ConcurrentHashMap<>();

    public InMemoryRoomRegistry(int capacity, int maxRooms) {
        if (capacity < 2) {
            throw new IllegalArgumentException("room capacity must be at least 2, was " + capacity);
        }
        if (maxRooms < 1) {
            throw new IllegalArgumentException("the room limit must be at least 1, was " + maxRooms);
        }
        this.capacity = capacity;
        this.maxRooms = maxRooms;
    }

    @Override
    public JoinOutcome create(String room, String peer) {
        return enter(room, peer, Mode.CREATE);
    }

    @Override
    public JoinOutcome join(String room, String peer) {
        return enter(room, peer, Mode.JOIN);
    }

    @Override
    public JoinOutcome createOrJoin(String room, String peer) {
        return enter(room, peer, Mode.CREATE_OR_JOIN);
    }

    private JoinOutcome enter(String room, String peer, Mode mode) {
        if (!RoomName.isValid(room)) {
            throw new IllegalArgumentException("invalid room name");
        }
        String current = roomOfPeer.get(peer);
        if (current != null) {
            return new JoinOutcome.AlreadyInRoom(current);
        }
        EntryDecision decision = new EntryDecision(peer, mode);
        rooms.compute(room, decision);
        return decision.outcome;
    }

    /** Runs under the room entry's lock and records what it decided. */
    private final class EntryDecision implements BiFunction<String, Room, Room> {
        private final String peer;
        private final Mode mode;
        private JoinOutcome outcome;

        EntryDecision(String peer, Mode mode) {
            this.peer = peer;
            this.mode = mode;
        }

        @Override
        public Room apply(String name, Room existing) {
            if (existing == null && mode == Mode.JOIN) {
                outcome = new JoinOutcome.Empty(name);
                return null;
            }
            if (existing != null && mode == Mode.CREATE) {
                outcome = new JoinOutcome.RoomExists(name);
                return existing;
            }
            if (existing != null && existing.members().size() >= capacity) {
                outcome = new JoinOutcome.Full(name);
                return existing;
            }
            if (existing == null && roomCount.incrementAndGet() > maxRooms) {
                roomCount.decrementAndGet();
                outcome = new JoinOutcome.TooManyRooms(name);
                return null;
            }
            String claimed = roomOfPeer.putIfAbsent(peer, name);
            if (claimed != null) { // the same peer entered another room concurrently
                if (existing == null) {
                    roomCount.decrementAndGet();
                }
                outcome = new JoinOutcome.AlreadyInRoom(claimed);
                return existing;
            }
            if (existing == null) {
                outcome = new JoinOutcome.Created(name);
                return new Room(name, List.of(peer));
            }
            outcome = new JoinOutcome.Joined(name, existing.members());
            return existing.with(peer);
        }
    }

    @Override
    public Optional<Departure> leave(String peer) {
        String room = roomOfPeer.get(peer);
        if (room == null) {
            return Optional.empty();
        }
        Departure[] departure = new Departure[1];
        rooms.computeIfPresent(room, (name, existing) -> {
            if (!existing.hasMember(peer)) { // a concurrent leave of the same peer won
                return existing;
            }
            roomOfPeer.remove(peer, name);
            Room after = existing.without(peer);
            departure[0] = new Departure(name, after.members());
            if (after.members().isEmpty()) {
                roomCount.decrementAndGet();
                return null;
            }
            return after;
        });
        return Optional.ofNullable(departure[0]);
    }

    @Override
    public Optional<Room> roomOf(String peer) {
        String name = roomOfPeer.get(peer);
        if (name == null) {
            return Optional.empty();
        }
        Room room = rooms.get(name);
        return room != null && room.hasMember(peer) ? Optional.of(room) : Optional.empty();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public Occupancy occupancy() {
        return new Occupancy(rooms.size(), roomOfPeer.size());
    }
}
