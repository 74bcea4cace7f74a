package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.directory.InMemoryDirectory;
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
import dev.switchboard.protocol.Malformed;
import dev.switchboard.protocol.PeerJoined;
import dev.switchboard.protocol.PeerLeft;
import dev.switchboard.protocol.RelayedSignal;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.protocol.Signals;
import dev.switchboard.room.InMemoryRoomRegistry;
import dev.switchboard.room.JoinOutcome;
import dev.switchboard.room.Occupancy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Protocol v1 decisions, without a container: what each peer is sent for each message. */
class SignalingServiceTest {

    private final RecordingDelivery inboxes = new RecordingDelivery();
    private InMemoryRoomRegistry registry = new InMemoryRoomRegistry(2, Integer.MAX_VALUE);
    private SignalingService signaling = signalingFor(registry, inboxes);

    private void withCapacity(int capacity) {
        registry = new InMemoryRoomRegistry(capacity, Integer.MAX_VALUE);
        signaling = signalingFor(registry, inboxes);
    }

    private void assertError(ErrorCode code, Object ref, ServerMessage message) {
        ErrorMessage error = assertInstanceOf(ErrorMessage.class, message);
        assertEquals(code.wireName(), error.code());
        assertEquals(ref, error.ref());
    }

    /** Peers a and b in room r, with their notifications consumed. */
    private void pairInRoom() {
        signaling.handle("a", new Create("r", null));
        signaling.handle("b", new Join("r", null));
        inboxes.take("a");
        inboxes.take("b");
    }

    @Test
    void createRepliesCreatedWithNoPeers() {
        signaling.handle("a", new Create("r", "req-1"));
        assertEquals(new Created("r", "a", List.of(), "req-1"), inboxes.only("a"));
        inboxes.assertEmpty();
    }

    @Test
    void createOfAnExistingRoomIsRoomExists() {
        signaling.handle("a", new Create("r", null));
        inboxes.take("a");
        signaling.handle("b", new Create("r", 5));
        assertError(ErrorCode.ROOM_EXISTS, 5, inboxes.only("b"));
        inboxes.assertEmpty();
    }

    @Test
    void joinRepliesJoinedAndTellsTheMembers() {
        signaling.handle("a", new Create("r", null));
        inboxes.take("a");
        signaling.handle("b", new Join("r", null));
        assertEquals(new Joined("r", "b", List.of("a"), null), inboxes.only("b"));
        assertEquals(new PeerJoined("r", "b"), inboxes.only("a"));
    }

    @Test
    void creatingPastTheRoomLimitIsTooManyRooms() {
        registry = new InMemoryRoomRegistry(2, 1);
        signaling = signalingFor(registry, inboxes);
        signaling.handle("a", new Create("r1", null));
        inboxes.take("a");
        signaling.handle("b", new CreateOrJoin("r2", "x"));
        assertError(ErrorCode.TOO_MANY_ROOMS, "x", inboxes.only("b"));
        inboxes.assertEmpty();
    }

    @Test
    void joinOfAMissingRoomIsEmpty() {
        signaling.handle("a", new Join("nowhere", null));
        assertEquals(new Empty("nowhere", null), inboxes.only("a"));
    }

    @Test
    void aThirdPeerIsToldFullAndTheRoomHearsNothing() {
        pairInRoom();
        signaling.handle("c", new CreateOrJoin("r", null));
        assertEquals(new Full("r", null), inboxes.only("c"));
        inboxes.assertEmpty();
    }

    @Test
    void createOrJoinCreatesThenJoins() {
        signaling.handle("a", new CreateOrJoin("r", null));
        assertInstanceOf(Created.class, inboxes.only("a"));
        signaling.handle("b", new CreateOrJoin("r", null));
        assertInstanceOf(Joined.class, inboxes.only("b"));
    }

    @Test
    void invalidRoomNamesAreRefusedBeforeTheRegistry() {
        signaling.handle("a", new Join("no spaces", "x"));
        assertError(ErrorCode.INVALID_ROOM, "x", inboxes.only("a"));
        signaling.handle("a", new Create(null, null));
        assertError(ErrorCode.INVALID_ROOM, null, inboxes.only("a"));
        assertEquals(new Occupancy(0, 0), registry.occupancy());
    }

    @Test
    void enteringASecondRoomIsAlreadyInRoom() {
        signaling.handle("a", new Create("r1", null));
        inboxes.take("a");
        signaling.handle("a", new Create("r2", null));
        assertError(ErrorCode.ALREADY_IN_ROOM, null, inboxes.only("a"));
    }

    @Test
    void signalsAreRelayedToTheOthersStampedWithSenderAndRoom() {
        pairInRoom();
        signaling.handle("a", Signals.read(
                "{\"type\":\"offer\",\"sdp\":\"v=0\",\"from\":\"forged\",\"room\":\"elsewhere\"}"));
        assertEquals(Signals.relayed("{\"type\":\"offer\",\"from\":\"a\",\"room\":\"r\",\"sdp\":\"v=0\"}"), inboxes.only("b"));
        signaling.handle("b", Signals.answer("v=0 answer", null));
        assertEquals(Signals.relayed("{\"type\":\"answer\",\"from\":\"b\",\"room\":\"r\",\"sdp\":\"v=0 answer\"}"),
                inboxes.only("a"));
        signaling.handle("a", Signals.candidate("c1", null));
        assertEquals(Signals.relayed("{\"type\":\"candidate\",\"from\":\"a\",\"room\":\"r\",\"candidate\":{\"candidate\":\"c1\"}}"),
                inboxes.only("b"));
        signaling.handle("a", Signals.bye(null, null));
        assertEquals(Signals.relayed("{\"type\":\"bye\",\"from\":\"a\",\"room\":\"r\"}"), inboxes.only("b"));
        inboxes.assertEmpty();
    }

    @Test
    void signalsOutsideARoomAreNotInRoom() {
        signaling.handle("a", Signals.offer("v=0", null, "o1"));
        assertError(ErrorCode.NOT_IN_ROOM, "o1", inboxes.only("a"));
    }

    @Test
    void addressedSignalsReachOnlyTheirTarget() {
        withCapacity(3);
        signaling.handle("a", new Create("r", null));
        signaling.handle("b", new Join("r", null));
        signaling.handle("c", new Join("r", null));
        inboxes.clear();
        signaling.handle("a", Signals.offer("v=0", "c", null));
        assertEquals(Signals.offer("v=0", "c", null).inRoom("a", "r"), inboxes.only("c"));
        inboxes.assertEmpty();
    }

    @Test
    void addressingAPeerOutsideTheRoomOrYourselfIsUnknownPeer() {
        pairInRoom();
        signaling.handle("x", new Create("other", null));
        inboxes.take("x");
        signaling.handle("a", Signals.offer("v=0", "x", "o1"));
        assertError(ErrorCode.UNKNOWN_PEER, "o1", inboxes.only("a"));
        signaling.handle("a", Signals.offer("v=0", "a", "o2"));
        assertError(ErrorCode.UNKNOWN_PEER, "o2", inboxes.only("a"));
        inboxes.assertEmpty();
    }

    @Test
    void inAMeshEveryMemberGetsEveryUnaddressedSignal() {
        withCapacity(4);
        for (String peer : List.of("a", "b", "c", "d")) {
            signaling.handle(peer, new CreateOrJoin("mesh", null));
        }
        assertEquals(List.of(new Created("mesh", "a", List.of(), null), new PeerJoined("mesh", "b"),
                new PeerJoined("mesh", "c"), new PeerJoined("mesh", "d")), inboxes.take("a"));
        assertEquals(new Joined("mesh", "d", List.of("a", "b", "c"), null), inboxes.only("d"));
        inboxes.clear();
        signaling.handle("c", Signals.offer("v=0"));
        RelayedSignal expected = Signals.offer("v=0").inRoom("c", "mesh");
        for (String other : List.of("a", "b", "d")) {
            assertEquals(expected, inboxes.only(other));
        }
        inboxes.assertEmpty();
    }

    @Test
    void leaveTellsTheOthersPeerLeft() {
        pairInRoom();
        signaling.handle("a", new Leave(null));
        assertEquals(new PeerLeft("r", "a", PeerLeft.LEFT), inboxes.only("b"));
        inboxes.assertEmpty();
        signaling.handle("b", new Leave(null));
        inboxes.assertEmpty();
        assertEquals(new Occupancy(0, 0), registry.occupancy());
    }

    @Test
    void leaveOutsideARoomIsNotInRoom() {
        signaling.handle("a", new Leave("l"));
        assertError(ErrorCode.NOT_IN_ROOM, "l", inboxes.only("a"));
    }

    @Test
    void disconnectTellsTheOthersAndFreesTheSlot() {
        pairInRoom();
        signaling.disconnected("b");
        assertEquals(new PeerLeft("r", "b", PeerLeft.DISCONNECTED), inboxes.only("a"));
        signaling.handle("c", new Join("r", null));
        assertInstanceOf(Joined.class, inboxes.only("c"));
    }

    @Test
    void disconnectOutsideARoomTellsNobody() {
        signaling.disconnected("a");
        inboxes.assertEmpty();
    }

    @Test
    void malformedFramesGetTheirErrorAndChangeNothing() {
        pairInRoom();
        signaling.handle("a", new Malformed(ErrorCode.BAD_JSON, "frame is not valid JSON", null));
        assertError(ErrorCode.BAD_JSON, null, inboxes.only("a"));
        assertTrue(registry.roomOf("a").isPresent());
        inboxes.assertEmpty();
    }

    @Test
    void connectingToARoomEntersItOrSaysWhy() {
        assertInstanceOf(JoinOutcome.Created.class, signaling.enterOnConnect("a", "r").orElseThrow());
        assertInstanceOf(JoinOutcome.Joined.class, signaling.enterOnConnect("b", "r").orElseThrow());
        assertInstanceOf(JoinOutcome.Full.class, signaling.enterOnConnect("c", "r").orElseThrow());
        assertEquals(new Full("r", null), inboxes.only("c"));
        assertEquals(Optional.empty(), signaling.enterOnConnect("d", "bad/name"));
        assertError(ErrorCode.INVALID_ROOM, null, inboxes.only("d"));
    }

    private static SignalingService signalingFor(InMemoryRoomRegistry registry, Delivery delivery) {
        return new SignalingService(registry, delivery,
                new DirectoryService(new InMemoryDirectory(100), registry, delivery, true, Clock.systemUTC()));
    }
}
