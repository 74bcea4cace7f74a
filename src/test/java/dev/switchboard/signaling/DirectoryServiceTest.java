package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.switchboard.directory.InMemoryDirectory;
import dev.switchboard.protocol.Create;
import dev.switchboard.protocol.Decline;
import dev.switchboard.protocol.DirectMessage;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.ErrorMessage;
import dev.switchboard.protocol.Invite;
import dev.switchboard.protocol.Login;
import dev.switchboard.protocol.Logout;
import dev.switchboard.protocol.PeerEntry;
import dev.switchboard.protocol.PeerOffline;
import dev.switchboard.protocol.PeerOnline;
import dev.switchboard.protocol.Presence;
import dev.switchboard.protocol.Sender;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.protocol.Signals;
import dev.switchboard.room.InMemoryRoomRegistry;
import jakarta.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The directory's decisions, without a container: what each peer is sent. */
class DirectoryServiceTest {

    private static final long NOW = 1_800_000_000_000L;

    private final RecordingDelivery inboxes = new RecordingDelivery();
    private final InMemoryRoomRegistry rooms = new InMemoryRoomRegistry(2, Integer.MAX_VALUE);
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private DirectoryService directory = new DirectoryService(new InMemoryDirectory(100), rooms, inboxes, true, clock);
    private final SignalingService signaling = new SignalingService(rooms, inboxes, directory);

    private void assertError(ErrorCode code, ServerMessage message) {
        assertEquals(code.wireName(), assertInstanceOf(ErrorMessage.class, message).code());
    }

    private void loggedIn(String... peers) {
        for (String peer : peers) {
            directory.login(peer, new Login(peer.toUpperCase(), null, null, null, null));
        }
        inboxes.clear();
    }

    @Test
    void loginRepliesOkThenTheFullListAndTellsTheOthers() {
        loggedIn("a");
        directory.login("b", new Login("Bob", null, null, "l1", null));
        List<ServerMessage> atB = inboxes.take("b");
        assertEquals(new Login("Bob", true, "b", null, "l1"), atB.get(0));
        Presence presence = assertInstanceOf(Presence.class, atB.get(1));
        assertEquals(new HashSet<>(List.of(new PeerEntry("a", "A"), new PeerEntry("b", "Bob"))),
                new HashSet<>(presence.peers()));
        assertEquals(new PeerOnline("b", "Bob"), inboxes.only("a"));
        inboxes.assertEmpty();
    }

    @Test
    void loginErrors() {
        loggedIn("a");
        directory.login("b", new Login("a", null, null, null, null));
        assertError(ErrorCode.NAME_TAKEN, inboxes.only("b"));
        directory.login("b", new Login(" spaced", null, null, null, null));
        assertError(ErrorCode.INVALID_NAME, inboxes.only("b"));
        directory.login("a", new Login("Other", null, null, null, null));
        assertError(ErrorCode.ALREADY_LOGGED_IN, inboxes.only("a"));
        inboxes.assertEmpty();
    }

    @Test
    void logoutAndDisconnectAreToldToTheOthersOnly() {
        loggedIn("a", "b", "c");
        directory.logout("a", null);
        assertEquals(new PeerOffline("a", "A", PeerOffline.LOGOUT), inboxes.only("b"));
        assertEquals(new PeerOffline("a", "A", PeerOffline.LOGOUT), inboxes.only("c"));
        directory.disconnected("b", PeerOffline.DISCONNECTED);
        assertEquals(new PeerOffline("b", "B", PeerOffline.DISCONNECTED), inboxes.only("c"));
        inboxes.assertEmpty();
        directory.logout("a", 9);
        assertError(ErrorCode.NOT_LOGGED_IN, inboxes.only("a"));
    }

    @Test
    void directMessagesAreStampedWithSenderNameAndTime() {
        loggedIn("a", "b");
        directory.send("a", new DirectMessage(Json.createValue("hi"), "B", "forged", "Forged", 1L, null));
        assertEquals(new DirectMessage(Json.createValue("hi"), "B", "a", "A", NOW, null), inboxes.only("b"));
        inboxes.assertEmpty();
    }

    @Test
    void directMessagesNeedBothEndsLoggedIn() {
        loggedIn("a");
        directory.send("x", new DirectMessage(Json.createValue("hi"), "a", null, null, null, null));
        assertError(ErrorCode.NOT_LOGGED_IN, inboxes.only("x"));
        directory.send("a", new DirectMessage(Json.createValue("hi"), "nobody", null, null, null, null));
        assertError(ErrorCode.UNKNOWN_PEER, inboxes.only("a"));
        directory.send("a", new DirectMessage(Json.createValue("hi"), "A", null, null, null, null));
        assertError(ErrorCode.UNKNOWN_PEER, inboxes.only("a"));
        inboxes.assertEmpty();
    }

    @Test
    void signalsOutsideRoomsGoDirectlyToTheNamedPeer() {
        loggedIn("a", "b");
        signaling.handle("a", Signals.read("{\"type\":\"offer\",\"sdp\":\"v=0\",\"to\":\"B\",\"room\":\"room?\"}"));
        assertEquals(Signals.offer("v=0", "B", null).direct(new Sender("a", "A", NOW)), inboxes.only("b"));
        signaling.handle("b", Signals.answer("v=0", "a"));
        assertEquals(Signals.answer("v=0", "a").direct(new Sender("b", "B", NOW)), inboxes.only("a"));
    }

    @Test
    void aDirectSignalToAPeerInARoomIsPeerBusyAndARoomSignalNeverGoesDirect() {
        loggedIn("a", "b", "c");
        signaling.handle("b", new Create("r", null));
        signaling.handle("c", new dev.switchboard.protocol.Join("r", null));
        inboxes.clear();
        signaling.handle("a", Signals.offer("v=0", "B", null));
        assertError(ErrorCode.PEER_BUSY, inboxes.only("a"));
        // b is in a room: its signal to a (not a member) is a room signal to an unknown member
        signaling.handle("b", Signals.offer("v=0", "a", null));
        assertError(ErrorCode.UNKNOWN_PEER, inboxes.only("b"));
        inboxes.assertEmpty();
    }

    @Test
    void invitationsComeFromTheInvitersRoomAndDeclinesGoBack() {
        loggedIn("a", "b");
        directory.send("a", new Invite("call-1", "B", null, null, null, 1));
        assertError(ErrorCode.NOT_IN_ROOM, inboxes.only("a"));
        signaling.handle("a", new Create("call-1", null));
        inboxes.take("a");
        directory.send("a", new Invite("call-1", "B", null, null, null, null));
        assertEquals(new Invite("call-1", "B", "a", "A", NOW, null), inboxes.only("b"));
        directory.send("b", new Decline("call-1", "a", null, null, null, null));
        assertEquals(new Decline("call-1", "a", "b", "B", NOW, null), inboxes.only("a"));
        inboxes.assertEmpty();
    }

    @Test
    void aDisabledDirectoryRefusesEverything() {
        directory = new DirectoryService(new InMemoryDirectory(100), rooms, inboxes, false, clock);
        directory.login("a", new Login("A", null, null, null, null));
        assertError(ErrorCode.DIRECTORY_DISABLED, inboxes.only("a"));
        directory.send("a", new DirectMessage(Json.createValue("hi"), "b", null, null, null, null));
        assertError(ErrorCode.DIRECTORY_DISABLED, inboxes.only("a"));
        directory.logout("a", null);
        assertError(ErrorCode.DIRECTORY_DISABLED, inboxes.only("a"));
        directory.relayDirect("a", Signals.offer("v=0", "b", null));
        assertError(ErrorCode.NOT_IN_ROOM, inboxes.only("a"));
    }

    @Test
    void theDirectoryLimitIsEnforced() {
        directory = new DirectoryService(new InMemoryDirectory(1), rooms, inboxes, true, clock);
        loggedIn("a");
        directory.login("b", new Login("B", null, null, null, null));
        assertError(ErrorCode.DIRECTORY_FULL, inboxes.only("b"));
        directory.logout("a", new Logout(null).id());
        directory.login("b", new Login("B", null, null, null, null));
        assertInstanceOf(Login.class, inboxes.take("b").get(0));
    }
}
