package dev.switchboard.cluster;

import dev.switchboard.room.BackendUnavailableException;
import dev.switchboard.room.Departure;
import dev.switchboard.room.JoinOutcome;
import dev.switchboard.room.Occupancy;
import dev.switchboard.room.Room;
import dev.switchboard.room.RoomName;
import dev.switchboard.room.RoomRegistry;
import dev.switchboard.signaling.StripedLocks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The registry shared by the nodes of a cluster. Every membership change is one Lua script in Redis
 * (enter.lua, leave.lua, evict.lua), so the {@link RoomRegistry} invariants hold across nodes exactly as
 * they hold in one: Redis runs one script at a time.
 *
 * <p>Besides, each node keeps a view of the rooms its own peers are in, so that relaying a signal needs
 * no Redis round trip: the members as the script that admitted a local peer returned them, then kept
 * current by the {@code peer-joined} / {@code peer-left} notices other nodes send to this node's members
 * ({@link #remoteJoined}, {@link #remoteLeft}). Callers change a room's view under that room's lock (the
 * signaling service's), so a room's changes apply in one order on each node.
 */
public final class RedisRoomRegistry implements RoomRegistry {

    private final Backplane backplane;
    private final int capacity;
    private final int maxRooms;
    /** The rooms with a member on this node. */
    private final Map<String, Room> views = new ConcurrentHashMap<>();
    /** The room of each peer of this node that is in one. */
    private final Map<String, String> roomOfLocal = new ConcurrentHashMap<>();
    /**
     * Held from a script's call to the update of the view it causes, so that this node applies a room's
     * changes in the order Redis made them, whoever calls.
     */
    private final StripedLocks locks = new StripedLocks();

    public RedisRoomRegistry(Backplane backplane, int capacity, int maxRooms) {
        if (capacity < 2) {
            throw new IllegalArgumentException("room capacity must be at least 2, was " + capacity);
        }
        if (maxRooms < 1) {
            throw new IllegalArgumentException("the room limit must be at least 1, was " + maxRooms);
        }
        this.backplane = backplane;
        this.capacity = capacity;
        this.maxRooms = maxRooms;
    }

    @Override
    public JoinOutcome create(String room, String peer) {
        return enter("create", room, peer);
    }

    @Override
    public JoinOutcome join(String room, String peer) {
        return enter("join", room, peer);
    }

    @Override
    public JoinOutcome createOrJoin(String room, String peer) {
        return enter("create-or-join", room, peer);
    }

    private JoinOutcome enter(String mode, String room, String peer) {
        if (!RoomName.isValid(room)) {
            throw new IllegalArgumentException("invalid room name");
        }
        String current = roomOfLocal.get(peer);
        if (current != null) {
            return new JoinOutcome.AlreadyInRoom(current);
        }
        synchronized (locks.of(room)) {
            return decide(mode, room, peer);
        }
    }

    private JoinOutcome decide(String mode, String room, String peer) {
        List<Object> reply = backplane.run(Script.ENTER, mode, room, peer, nodeOf(peer),
                String.valueOf(capacity), String.valueOf(maxRooms));
        String outcome = (String) reply.get(0);
        return switch (outcome) {
            case "created" -> {
                admitted(room, peer, List.of());
                yield new JoinOutcome.Created(room);
            }
            case "joined" -> {
                List<String> others = strings(reply.get(1));
                admitted(room, peer, others);
                yield new JoinOutcome.Joined(room, others);
            }
            case "full" -> new JoinOutcome.Full(room);
            case "empty" -> new JoinOutcome.Empty(room);
            case "room-exists" -> new JoinOutcome.RoomExists(room);
            case "too-many-rooms" -> new JoinOutcome.TooManyRooms(room);
            case "already-in-room" -> new JoinOutcome.AlreadyInRoom((String) reply.get(1));
            case "node-lost" -> throw new BackendUnavailableException("this node was removed from the cluster");
            default -> throw new IllegalStateException("unexpected reply from enter.lua: " + outcome);
        };
    }

    private void admitted(String room, String peer, List<String> others) {
        views.put(room, new Room(room, others).with(peer));
        roomOfLocal.put(peer, room);
    }

    @Override
    public Optional<Departure> leave(String peer) {
        if (isLocal(peer) && !roomOfLocal.containsKey(peer)) {
            return Optional.empty(); // this node knows its own peers: no round trip for one in no room
        }
        String local = roomOfLocal.get(peer);
        synchronized (locks.of(local == null ? "" : local)) {
            List<Object> reply = backplane.run(Script.LEAVE, peer, nodeOf(peer));
            roomOfLocal.remove(peer);
            if (reply.isEmpty()) {
                if (local != null) {
                    forget(local, peer);
                }
                return Optional.empty();
            }
            String room = (String) reply.get(0);
            List<String> remaining = strings(reply.get(1));
            if (room.equals(local)) {
                replaceView(room, remaining);
            } else {
                forget(room, peer); // not the room this node knew (a lost reply): the lock above is not its
            }
            return Optional.of(new Departure(room, remaining));
        }
    }

    @Override
    public Optional<Room> roomOf(String peer) {
        if (isLocal(peer)) {
            String room = roomOfLocal.get(peer);
            Room view = room == null ? null : views.get(room);
            return view != null && view.hasMember(peer) ? Optional.of(view) : Optional.empty();
        }
        List<Object> reply = backplane.run(Script.ROOM_OF, peer, nodeOf(peer));
        return reply.isEmpty() ? Optional.empty() : Optional.of(new Room((String) reply.get(0), strings(reply.get(1))));
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** This node's share: rooms with a member here, and its peers in rooms. Answered without Redis. */
    @Override
    public Occupancy occupancy() {
        return new Occupancy(views.size(), roomOfLocal.size());
    }

    /** Another node admitted {@code peer} to {@code room}, where this node has members. */
    void remoteJoined(String room, String peer) {
        synchronized (locks.of(room)) {
            views.computeIfPresent(room, (name, view) -> view.hasMember(peer) ? view : view.with(peer));
        }
    }

    /** {@code peer} of another node left {@code room} (or was removed with its node). */
    void remoteLeft(String room, String peer) {
        synchronized (locks.of(room)) {
            forget(room, peer);
        }
    }

    /** Whether {@code peer}, of this node, is in {@code room} as this node sees it. */
    boolean isLocalMember(String peer, String room) {
        return room.equals(roomOfLocal.get(peer));
    }

    /** The rooms this node has members in. */
    Set<String> viewedRooms() {
        return Set.copyOf(views.keySet());
    }

    /** A peer of this node taken out of a room by {@link #reconcile}, and whether its room must hear of it. */
    record Removal(String peer, Departure departure, boolean announce) {
    }

    /**
     * After a Redis failure, makes Redis and this node agree on this node's peers, given {@code held}: the
     * room Redis holds each of them in (peer to room). A command that timed out here may still have run
     * there, so each side may know something the other does not:
     * <ul>
     * <li>a peer in a room here whose connection is gone: taken out in Redis if it is still there; either
     * way its room must hear that it left (its leave failed, or ran unseen);</li>
     * <li>a peer Redis holds in a room this node does not know of (a join that timed out here but ran
     * there): taken out; nobody heard it join, so nobody is told.</li>
     * </ul>
     * Each check runs under the room's lock, which a join holds from its script to its view: a join in
     * progress is never mistaken for a lost one.
     */
    List<Removal> reconcile(Map<String, String> held, Predicate<String> connected) {
        List<Removal> removals = new ArrayList<>();
        for (Map.Entry<String, String> member : Map.copyOf(roomOfLocal).entrySet()) {
            String peer = member.getKey();
            String room = member.getValue();
            if (connected.test(peer)) {
                continue;
            }
            synchronized (locks.of(room)) {
                Departure departure = held.containsKey(peer) ? leave(peer).orElse(null) : dropLocal(peer);
                if (departure != null) {
                    removals.add(new Removal(peer, departure, true));
                }
            }
        }
        held.forEach((peer, room) -> {
            synchronized (locks.of(room)) {
                if (!room.equals(roomOfLocal.get(peer)) && !removals.stream().anyMatch(r -> r.peer().equals(peer))) {
                    List<Object> reply = backplane.run(Script.LEAVE, peer, nodeOf(peer));
                    if (!reply.isEmpty()) {
                        removals.add(new Removal(peer, new Departure(room, strings(reply.get(1))), false));
                    }
                }
            }
        });
        return removals;
    }

    /** Sets the members of {@code room} as Redis has them now (after this node may have missed notices). */
    void resync(String room, List<String> members) {
        synchronized (locks.of(room)) {
            replaceView(room, members);
            roomOfLocal.entrySet().removeIf(entry -> entry.getValue().equals(room) && !members.contains(entry.getKey()));
        }
    }

    /** Forgets a peer of this node that Redis no longer holds; its departure as this node saw the room, or null. */
    private Departure dropLocal(String peer) {
        String room = roomOfLocal.remove(peer);
        if (room == null) {
            return null;
        }
        Room before = views.get(room);
        forget(room, peer);
        return new Departure(room, before == null ? List.of() : before.without(peer).members());
    }

    /** Forgets everything this node knew: Redis no longer holds it (the node was reaped, or Redis lost its data). */
    void resetLocal() {
        views.clear();
        roomOfLocal.clear();
    }

    private void forget(String room, String peer) {
        views.computeIfPresent(room, (name, view) -> keepIfLocalMembers(view.without(peer)));
    }

    private void replaceView(String room, List<String> members) {
        views.compute(room, (name, view) -> keepIfLocalMembers(new Room(room, members)));
    }

    /** A view is kept while the room has a member on this node: only then do notices about it arrive here. */
    private Room keepIfLocalMembers(Room view) {
        return view.members().stream().anyMatch(this::isLocal) ? view : null;
    }

    private boolean isLocal(String peer) {
        return backplane.node().equals(nodeOf(peer));
    }

    /** The node a peer is on; an id without a node is taken to be this node's. */
    private String nodeOf(String peer) {
        String node = NodePeerIds.nodeOf(peer);
        return node == null ? backplane.node() : node;
    }

    /** A script's reply that is a list of strings. */
    @SuppressWarnings("unchecked")
    static List<String> strings(Object reply) {
        return (List<String>) reply;
    }

    /** A script's reply of the form {key, value, key, value...}, as a map. */
    static Map<String, String> pairs(Object reply) {
        List<String> flat = strings(reply);
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i), flat.get(i + 1));
        }
        return map;
    }

    /** A script's reply that is a list of anything (nested lists). */
    @SuppressWarnings("unchecked")
    static List<Object> objects(Object reply) {
        return (List<Object>) reply;
    }
}
