package dev.switchboard.signaling;

import dev.switchboard.Unproxied;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.protocol.ClientMessage;
import dev.switchboard.protocol.Create;
import dev.switchboard.protocol.CreateOrJoin;
import dev.switchboard.protocol.Created;
import dev.switchboard.protocol.Empty;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.ErrorMessage;
import dev.switchboard.protocol.Full;
import dev.switchboard.protocol.Join;
import dev.switchboard.protocol.Joined;
import dev.switchboard.protocol.Leave;
import dev.switchboard.protocol.Login;
import dev.switchboard.protocol.Logout;
import dev.switchboard.protocol.Malformed;
import dev.switchboard.protocol.PeerAway;
import dev.switchboard.protocol.PeerBack;
import dev.switchboard.protocol.PeerJoined;
import dev.switchboard.protocol.PeerLeft;
import dev.switchboard.protocol.Personal;
import dev.switchboard.protocol.RelayedSignal;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.protocol.Signal;
import dev.switchboard.room.Departure;
import dev.switchboard.room.JoinOutcome;
import dev.switchboard.room.Room;
import dev.switchboard.room.RoomName;
import dev.switchboard.room.RoomRegistry;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Protocol v1 for one peer's messages: asks the {@link RoomRegistry} what happens, then tells the peers
 * concerned through {@link Delivery}. Plain Java, so its behaviour is tested without a container.
 */
@Unproxied
public class SignalingService {

    /**
     * Room events are decided under the room's lock, so each member is told them in one order: its own
     * {@code created} or {@code joined} before any {@code peer-joined}, a {@code joined} listing a member
     * before that member's {@code peer-left}, and no relayed signal after the {@code peer-left} of its sender.
     */
    private final StripedLocks locks = new StripedLocks();
    private final RoomRegistry registry;
    private final Delivery delivery;
    private final DirectoryService directory;
    private final SignalingMetrics metrics;


    public SignalingService(RoomRegistry registry, Delivery delivery, DirectoryService directory) {
        this(registry, delivery, directory, SignalingMetrics.NONE);
    }

    @Inject
    public SignalingService(RoomRegistry registry, Delivery delivery, DirectoryService directory,
                            SignalingMetrics metrics) {
        this.registry = registry;
        this.delivery = delivery;
        this.directory = directory;
        this.metrics = metrics;
    }

    /** Acts on one message from {@code peer}. Messages of one peer must be handled one at a time, in order. */
    public void handle(String peer, ClientMessage message) {
        if (message instanceof Create create) {
            enter(peer, create.room(), create.id(), registry::create);
        } else if (message instanceof Join join) {
            enter(peer, join.room(), join.id(), registry::join);
        } else if (message instanceof CreateOrJoin createOrJoin) {
            enter(peer, createOrJoin.room(), createOrJoin.id(), registry::createOrJoin);
        } else if (message instanceof Leave leave) {
            if (!leave(peer, PeerLeft.LEFT)) {
                fail(peer, ErrorCode.NOT_IN_ROOM, "you are not in a room", leave.id());
            }
        } else if (message instanceof Signal signal) {
            relay(peer, signal);
        } else if (message instanceof Login login) {
            directory.login(peer, login);
        } else if (message instanceof Logout logout) {
            directory.logout(peer, logout.id());
        } else if (message instanceof Personal personal) {
            directory.send(peer, personal);
        } else if (message instanceof Malformed malformed) {
            fail(peer, malformed.code(), malformed.reason(), malformed.id());
        }
    }

    /**
     * The implicit create-or-join of {@code /rooms/{room}}. Empty when the name is invalid (the peer has
     * been told); otherwise the outcome, of which the peer has been told too.
     */
    public Optional<JoinOutcome> enterOnConnect(String peer, String room) {
        return enter(peer, room, null, registry::createOrJoin);
    }

    /** {@link #enterOnConnect(String, String)} for a peer that may only join rooms that exist. */
    public Optional<JoinOutcome> joinOnConnect(String peer, String room) {
        return enter(peer, room, null, registry::join);
    }

    /** The peer's connection is gone: its room hears that it left, the directory that it went offline. */
    public void disconnected(String peer) {
        disconnected(peer, PeerLeft.DISCONNECTED);
    }

    /** As {@link #disconnected(String)}, telling the others why ({@code disconnected} or {@code timeout}). */
    public void disconnected(String peer, String reason) {
        try {
            leave(peer, reason);
        } finally {
            directory.disconnected(peer, reason);
        }
    }

    /** The name of {@code peer}'s room, if it is in one. */
    public Optional<String> roomOf(String peer) {
        return registry.roomOf(peer).map(Room::name);
    }

    /** {@code peer}'s connection dropped and it is kept for a resume: the others in its room hear {@code peer-away}. */
    public void away(String peer) {
        toRoomOf(peer, room -> new PeerAway(room, peer));
    }

    /** {@code peer} resumed: the others in its room hear {@code peer-back}. */
    public void back(String peer) {
        toRoomOf(peer, room -> new PeerBack(room, peer));
    }

    private void toRoomOf(String peer, Function<String, ServerMessage> message) {
        Optional<Room> found = registry.roomOf(peer);
        if (found.isEmpty()) {
            return;
        }
        synchronized (locks.of(found.get().name())) {
            // Read again under the lock, as a relay does: the members may have changed since.
            registry.roomOf(peer).ifPresent(room -> delivery.deliver(room.without(peer).members(), message.apply(room.name())));
        }
    }

    /** Whether the peer is in a room or logged in: taking part, so not idle. */
    public boolean isEngaged(String peer) {
        return registry.roomOf(peer).isPresent() || directory.isLoggedIn(peer);
    }

    public void failInternally(String peer, String correlationId, Object ref) {
        fail(peer, ErrorCode.INTERNAL, "internal error, reference " + correlationId, ref);
    }

    /** The request could not be decided: the shared store of a cluster is out of reach. */
    public void failUnavailable(String peer, Object ref) {
        fail(peer, ErrorCode.UNAVAILABLE, "rooms and the directory are unavailable right now; try again shortly", ref);
    }

    /**
     * Runs {@code delivery} (of a room event decided on another node) in the order of {@code room}'s events on
     * this node: not in the middle of a decision about the room made here, whose members hear it first.
     */
    public void inRoomOrder(String room, Runnable delivery) {
        synchronized (locks.of(room)) {
            delivery.run();
        }
    }

    /**
     * {@code peer} was removed from its room without its connection closing here (its node died): the
     * remaining members hear {@code peer-left} with {@code reason}.
     */
    public void removed(String peer, Departure departure, String reason) {
        synchronized (locks.of(departure.room())) {
            announce(peer, departure, reason);
        }
    }

    /** Timed from here to the outcome queued, or to the failure (a cluster's store out of reach) thrown. */
    private Optional<JoinOutcome> enter(String peer, String room, Object ref,
                                        BiFunction<String, String, JoinOutcome> decide) {
        long start = System.nanoTime();
        try {
            if (!RoomName.isValid(room)) {
                fail(peer, ErrorCode.INVALID_ROOM, "room names are 1-64 characters of A-Z a-z 0-9 _ -", ref);
                return Optional.empty();
            }
            synchronized (locks.of(room)) {
                JoinOutcome outcome = decide.apply(room, peer);
                tell(peer, room, ref, outcome);
                return Optional.of(outcome);
            }
        } finally {
            metrics.entryDecided(System.nanoTime() - start);
        }
    }

    private void tell(String peer, String room, Object ref, JoinOutcome outcome) {
        if (outcome instanceof JoinOutcome.Created) {
            delivery.deliver(peer, new Created(room, peer, List.of(), ref));
        } else if (outcome instanceof JoinOutcome.Joined joined) {
            // Members hear of the newcomer before it can send them anything.
            delivery.deliver(joined.others(), new PeerJoined(room, peer));
            delivery.deliver(peer, new Joined(room, peer, joined.others(), ref));
        } else if (outcome instanceof JoinOutcome.Full) {
            metrics.roomFull();
            delivery.deliver(peer, new Full(room, ref));
        } else if (outcome instanceof JoinOutcome.Empty) {
            metrics.roomEmpty();
            delivery.deliver(peer, new Empty(room, ref));
        } else if (outcome instanceof JoinOutcome.TooManyRooms) {
            fail(peer, ErrorCode.TOO_MANY_ROOMS, "the server holds as many rooms as it may; try again later", ref);
        } else if (outcome instanceof JoinOutcome.RoomExists) {
            fail(peer, ErrorCode.ROOM_EXISTS, "room already exists", ref);
        } else if (outcome instanceof JoinOutcome.AlreadyInRoom) {
            fail(peer, ErrorCode.ALREADY_IN_ROOM, "leave your current room first", ref);
        }
    }

    /** Takes the peer out of its room, if any, and tells the others; returns whether it was in one. */
    private boolean leave(String peer, String reason) {
        while (true) {
            Optional<Room> room = registry.roomOf(peer);
            if (room.isEmpty()) {
                return false;
            }
            String name = room.get().name();
            synchronized (locks.of(name)) {
                // Only a racing leave of the same peer can have moved it; then look again.
                if (registry.roomOf(peer).filter(still -> still.name().equals(name)).isPresent()) {
                    registry.leave(peer).ifPresent(departure -> announce(peer, departure, reason));
                    return true;
                }
            }
        }
    }

    private void announce(String peer, Departure departure, String reason) {
        delivery.deliver(departure.remaining(), new PeerLeft(departure.room(), peer, reason));
    }

    /** A peer in a room signals its room; a peer in none signals one logged-in peer directly. */
    private void relay(String peer, Signal signal) {
        Optional<Room> found = registry.roomOf(peer);
        if (found.isEmpty()) {
            directory.relayDirect(peer, signal);
            return;
        }
        synchronized (locks.of(found.get().name())) {
            // Read again under the lock: the members may have changed since.
            registry.roomOf(peer).ifPresentOrElse(room -> relay(peer, room, signal),
                    () -> fail(peer, ErrorCode.NOT_IN_ROOM, "join a room before sending signals", signal.id()));
        }
    }

    private void relay(String peer, Room room, Signal signal) {
        String to = signal.to();
        if (to != null && (to.equals(peer) || !room.hasMember(to))) {
            fail(peer, ErrorCode.UNKNOWN_PEER, "no other member of your room has that peerId", signal.id());
            return;
        }
        RelayedSignal stamped = signal.inRoom(peer, room.name());
        metrics.relayed(stamped);
        if (to != null) {
            delivery.deliver(to, stamped);
            return;
        }
        delivery.deliver(room.without(peer).members(), stamped);
    }

    /** Answers {@code peer}'s request (its id {@code ref}) with error {@code code}. */
    public void fail(String peer, ErrorCode code, String message, Object ref) {
        metrics.rejected(code);
        delivery.deliver(peer, ErrorMessage.of(code, message, ref));
    }
}
