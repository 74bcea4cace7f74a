package dev.switchboard.signaling;

import dev.switchboard.Unproxied;
import dev.switchboard.directory.Directory;
import dev.switchboard.directory.DisplayName;
import dev.switchboard.directory.LoginOutcome;
import dev.switchboard.directory.OnlinePeer;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.ErrorMessage;
import dev.switchboard.protocol.Invite;
import dev.switchboard.protocol.Login;
import dev.switchboard.protocol.PeerEntry;
import dev.switchboard.protocol.PeerOffline;
import dev.switchboard.protocol.PeerOnline;
import dev.switchboard.protocol.Personal;
import dev.switchboard.protocol.Presence;
import dev.switchboard.protocol.Sender;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.protocol.Signal;
import dev.switchboard.room.RoomName;
import dev.switchboard.room.RoomRegistry;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The directory side of protocol v1: login, logout, presence, and messages between logged-in peers
 * outside rooms (direct signals, free-form messages, invitations and their refusals).
 *
 * <p>Presence is sent as one full list when a peer logs in, then as one small delta per change to each
 * listed peer: a change costs O(N) bytes in all, never O(N²). Login, logout and disconnect are decided
 * under one presence lock, so every peer sees a list and then exactly the changes after it. A peer's
 * logout also takes that peer's lock, which every delivery to it takes: nothing direct reaches a peer
 * after it left the directory.
 */
@Unproxied
public class DirectoryService {

    private final Object presenceLock = new Object();
    private final StripedLocks recipientLocks = new StripedLocks();
    private final Directory directory;
    private final RoomRegistry rooms;
    private final Delivery delivery;
    private final Clock clock;
    private final boolean enabled;
    private final SignalingMetrics metrics;

    @Inject
    public DirectoryService(Directory directory, RoomRegistry rooms, Delivery delivery,
                            @ConfigProperty(name = "switchboard.directory.enabled", defaultValue = "true") boolean enabled,
                            SignalingMetrics metrics) {
        this(directory, rooms, delivery, enabled, Clock.systemUTC(), metrics);
    }

    public DirectoryService(Directory directory, RoomRegistry rooms, Delivery delivery, boolean enabled, Clock clock) {
        this(directory, rooms, delivery, enabled, clock, SignalingMetrics.NONE);
    }

    public DirectoryService(Directory directory, RoomRegistry rooms, Delivery delivery, boolean enabled, Clock clock,
                            SignalingMetrics metrics) {
        this.directory = directory;
        this.rooms = rooms;
        this.delivery = delivery;
        this.enabled = enabled;
        this.clock = clock;
        this.metrics = metrics;
    }

    public void login(String peer, Login login) {
        if (refusedWhileDisabled(peer, login.id())) {
            return;
        }
        Optional<String> name = DisplayName.normalize(login.name());
        if (name.isEmpty()) {
            fail(peer, ErrorCode.INVALID_NAME, "names are 1-" + DisplayName.MAX_LENGTH
                    + " characters, without control characters or leading or trailing spaces", login.id());
            return;
        }
        synchronized (presenceLock) {
            LoginOutcome outcome = directory.login(peer, name.get());
            if (outcome instanceof LoginOutcome.LoggedIn loggedIn) {
                announceLogin(loggedIn.peer(), loggedIn.everyone(), login.id());
            } else if (outcome instanceof LoginOutcome.NameTaken) {
                fail(peer, ErrorCode.NAME_TAKEN, "someone online already uses that name", login.id());
            } else if (outcome instanceof LoginOutcome.AlreadyLoggedIn) {
                fail(peer, ErrorCode.ALREADY_LOGGED_IN, "this connection is logged in already", login.id());
            } else if (outcome instanceof LoginOutcome.DirectoryFull) {
                fail(peer, ErrorCode.DIRECTORY_FULL, "the directory is full, try again later", login.id());
            }
        }
    }

    private void announceLogin(OnlinePeer newcomer, List<OnlinePeer> atLogin, Object ref) {
        String peer = newcomer.peerId();
        List<OnlinePeer> everyone = atLogin != null ? atLogin : directory.online();
        delivery.deliver(peer, Login.accepted(newcomer.name(), peer, ref));
        delivery.deliver(peer, new Presence(everyone.stream()
                .map(entry -> new PeerEntry(entry.peerId(), entry.name())).toList()));
        delivery.deliver(everyone.stream().map(OnlinePeer::peerId).filter(other -> !other.equals(peer)).toList(),
                new PeerOnline(peer, newcomer.name()));
    }

    public void logout(String peer, Object ref) {
        if (refusedWhileDisabled(peer, ref)) {
            return;
        }
        if (!leave(peer, PeerOffline.LOGOUT)) {
            fail(peer, ErrorCode.NOT_LOGGED_IN, "this connection is not logged in", ref);
        }
    }

    /**
     * The peer's connection is gone: everyone listed hears it went offline, and why. Most connections never
     * log in, and their clean-up takes no presence lock: only the peer's own messages log it in, and they are
     * all handled by now.
     */
    public void disconnected(String peer, String reason) {
        if (isLoggedIn(peer)) {
            leave(peer, reason);
        }
    }

    public boolean isLoggedIn(String peer) {
        return directory.entryOf(peer).isPresent();
    }

    /**
     * Runs {@code delivery} (of a presence change decided on another node) in the order of this node's
     * presence changes, if {@code peer} is still logged in: after its own {@code presence} list.
     */
    public void inPresenceOrder(String peer, Runnable delivery) {
        synchronized (presenceLock) {
            if (isLoggedIn(peer)) {
                delivery.run();
            }
        }
    }

    /** Runs {@code delivery} (of a direct message from another node) if {@code peer} is still logged in. */
    public void toLoggedIn(String peer, Runnable delivery) {
        synchronized (recipientLocks.of(peer)) {
            if (isLoggedIn(peer)) {
                delivery.run();
            }
        }
    }

    /** {@code entry} left the directory: everyone still listed hears it went offline, and why. */
    public void removed(OnlinePeer entry, String reason) {
        synchronized (presenceLock) {
            delivery.deliver(directory.online().stream().map(OnlinePeer::peerId).toList(),
                    new PeerOffline(entry.peerId(), entry.name(), reason));
        }
    }

    private boolean leave(String peer, String reason) {
        synchronized (presenceLock) {
            synchronized (recipientLocks.of(peer)) {
                Optional<OnlinePeer> gone = directory.logout(peer);
                gone.ifPresent(entry -> removed(entry, reason));
                return gone.isPresent();
            }
        }
    }

    /** A message for one logged-in peer: text, an invitation, a refusal. */
    public void send(String peer, Personal message) {
        if (refusedWhileDisabled(peer, message.id())) {
            return;
        }
        Optional<OnlinePeer> sender = loggedInSender(peer, message.id());
        if (sender.isEmpty()) {
            return;
        }
        if (message instanceof Invite invite && !invitingFromOwnRoom(peer, invite)) {
            return;
        }
        addressee(sender.get(), message.to(), message.id()).ifPresent(recipient ->
                deliverDirect(sender.get(), recipient, message.direct(stamp(sender.get())), message.id()));
    }

    /** A signal from a peer in no room: it goes directly to the logged-in peer named by {@code to}. */
    public void relayDirect(String peer, Signal signal) {
        Optional<OnlinePeer> sender = enabled ? directory.entryOf(peer) : Optional.empty();
        if (sender.isEmpty()) {
            fail(peer, ErrorCode.NOT_IN_ROOM, "join a room (or log in and address a peer) to send signals",
                    signal.id());
            return;
        }
        if (signal.to() == null) {
            fail(peer, ErrorCode.INVALID_MESSAGE, "a signal outside a room needs to", signal.id());
            return;
        }
        Optional<String> recipient = addressee(sender.get(), signal.to(), signal.id());
        if (recipient.isPresent() && rooms.roomOf(recipient.get()).isPresent()) {
            fail(peer, ErrorCode.PEER_BUSY, "that peer is in a room", signal.id());
            return;
        }
        recipient.ifPresent(to -> deliverDirect(sender.get(), to, signal.direct(stamp(sender.get())), signal.id()));
    }

    /** The peer id {@code to} names, other than the sender's; empty (the sender has been told) if none. */
    private Optional<String> addressee(OnlinePeer sender, String to, Object ref) {
        Optional<String> recipient = directory.find(to).map(OnlinePeer::peerId)
                .filter(peerId -> !peerId.equals(sender.peerId()));
        if (recipient.isEmpty()) {
            fail(sender.peerId(), ErrorCode.UNKNOWN_PEER, "nobody else online has that name or peerId", ref);
        }
        return recipient;
    }

    private void deliverDirect(OnlinePeer sender, String recipient, ServerMessage stamped, Object ref) {
        synchronized (recipientLocks.of(recipient)) {
            if (directory.entryOf(recipient).isPresent()) { // not logged out meanwhile
                metrics.relayed(stamped);
                delivery.deliver(recipient, stamped);
                return;
            }
        }
        fail(sender.peerId(), ErrorCode.UNKNOWN_PEER, "nobody else online has that name or peerId", ref);
    }

    private boolean invitingFromOwnRoom(String peer, Invite invite) {
        if (!RoomName.isValid(invite.room())) {
            fail(peer, ErrorCode.INVALID_ROOM, "room names are 1-64 characters of A-Z a-z 0-9 _ -", invite.id());
            return false;
        }
        boolean member = rooms.roomOf(peer).filter(room -> room.name().equals(invite.room())).isPresent();
        if (!member) {
            fail(peer, ErrorCode.NOT_IN_ROOM, "enter the room before inviting someone into it", invite.id());
        }
        return member;
    }

    private Optional<OnlinePeer> loggedInSender(String peer, Object ref) {
        Optional<OnlinePeer> sender = directory.entryOf(peer);
        if (sender.isEmpty()) {
            fail(peer, ErrorCode.NOT_LOGGED_IN, "log in before messaging other peers", ref);
        }
        return sender;
    }

    private Sender stamp(OnlinePeer sender) {
        return new Sender(sender.peerId(), sender.name(), clock.millis());
    }

    private boolean refusedWhileDisabled(String peer, Object ref) {
        if (!enabled) {
            fail(peer, ErrorCode.DIRECTORY_DISABLED, "the directory is turned off on this server", ref);
        }
        return !enabled;
    }

    private void fail(String peer, ErrorCode code, String message, Object ref) {
        metrics.rejected(code);
        delivery.deliver(peer, ErrorMessage.of(code, message, ref));
    }
}
