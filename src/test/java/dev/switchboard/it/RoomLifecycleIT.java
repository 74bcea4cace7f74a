package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Black-box: welcome, create, join, create-or-join, full, empty, leave and disconnect on /signal. */
class RoomLifecycleIT {

    @AfterAll
    static void nothingLeaks() throws Exception {
        ServerUnderTest.awaitNoRoomsAndNoConnections();
    }

    @Test
    void welcomeGivesEachConnectionItsOwnUnguessablePeerId() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            try (TestPeer peer = TestPeer.connect()) {
                assertTrue(peer.peerId().matches("[A-Za-z0-9_-]{22}"), peer.peerId());
                ids.add(peer.peerId());
            }
        }
        assertEquals(20, ids.size());
    }

    @Test
    void createRepliesCreatedWithNoPeers() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect()) {
            a.request("create", room);
            JsonObject created = a.next("created");
            assertEquals(room, created.getString("room"));
            assertEquals(a.peerId(), created.getString("peerId"));
            assertEquals(0, created.getJsonArray("peers").size());
        }
    }

    @Test
    void createOfAnExistingRoomIsRoomExists() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            a.request("create", room);
            a.next("created");
            b.request("create", room);
            b.nextError("room-exists");
        }
    }

    @Test
    void joinRepliesJoinedWithThePeersAlreadyThereWhoHearPeerJoined() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            a.request("create", room);
            a.next("created");
            b.request("join", room);
            JsonObject joined = b.next("joined");
            assertEquals(room, joined.getString("room"));
            assertEquals(b.peerId(), joined.getString("peerId"));
            assertEquals(Json.createArrayBuilder().add(a.peerId()).build(), joined.getJsonArray("peers"));
            JsonObject peerJoined = a.next("peer-joined");
            assertEquals(room, peerJoined.getString("room"));
            assertEquals(b.peerId(), peerJoined.getString("peerId"));
        }
    }

    @Test
    void joinOfARoomThatDoesNotExistIsEmpty() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect()) {
            a.request("join", room);
            assertEquals(room, a.next("empty").getString("room"));
        }
    }

    @Test
    void createOrJoinCreatesThenJoinsThenIsFull() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect(); TestPeer c = TestPeer.connect()) {
            a.request("create-or-join", room);
            a.next("created");
            b.request("create-or-join", room);
            b.next("joined");
            a.next("peer-joined");
            c.request("create-or-join", room);
            assertEquals(room, c.next("full").getString("room"));
        }
    }

    @Test
    void aThirdPeerGetsFullAndTheFirstTwoAreUnaffected() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect(); TestPeer c = TestPeer.connect()) {
            TestPeer.meet(a, b, room);
            c.request("join", room);
            c.next("full");
            assertFalse(c.isClosed(), "a refused peer keeps its connection on /signal");
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
            assertEquals(a.peerId(), b.next("offer").getString("from"));
            c.sync();
            a.sync();
            b.sync();
            c.assertNothingReceived();
            a.assertNothingReceived();
        }
    }

    @Test
    void repliesEchoTheRequestIdAsRef() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect()) {
            a.send("{\"type\":\"create\",\"room\":\"" + room + "\",\"id\":\"c-1\"}");
            assertEquals("c-1", a.next("created").getString("ref"));
            a.send("{\"type\":\"create\",\"room\":\"" + room + "\",\"id\":42}");
            assertEquals(42, a.nextError("already-in-room").getInt("ref"));
        }
    }

    @Test
    void aPeerIsInOneRoomAtATime() {
        try (TestPeer a = TestPeer.connect()) {
            a.request("create", uniqueRoom());
            a.next("created");
            a.request("create-or-join", uniqueRoom());
            a.nextError("already-in-room");
            a.request("join", uniqueRoom());
            a.nextError("already-in-room");
        }
    }

    @Test
    void leaveTellsTheOthersPeerLeftAndAllowsANewRoom() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            TestPeer.meet(a, b, room);
            a.send("{\"type\":\"leave\"}");
            JsonObject left = b.next("peer-left");
            assertEquals(room, left.getString("room"));
            assertEquals(a.peerId(), left.getString("peerId"));
            assertEquals("left", left.getString("reason"));
            a.request("create", uniqueRoom());
            a.next("created");
        }
    }

    @Test
    void leaveOutsideARoomIsNotInRoom() {
        try (TestPeer a = TestPeer.connect()) {
            a.send("{\"type\":\"leave\",\"id\":\"l\"}");
            assertEquals("l", a.nextError("not-in-room").getString("ref"));
        }
    }

    @Test
    void aClosedConnectionLeavesItsRoomAsDisconnected() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            TestPeer.meet(a, b, room);
            b.close();
            JsonObject left = a.next("peer-left");
            assertEquals(b.peerId(), left.getString("peerId"));
            assertEquals("disconnected", left.getString("reason"));
        }
    }

    @Test
    void aDroppedConnectionIsAwayThenLeavesItsRoomAndFreesTheSlotWhenItsResumeWindowEnds() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect(); TestPeer c = TestPeer.connect()) {
            TestPeer.meet(a, b, room);
            b.abort();
            assertEquals(b.peerId(), a.next("peer-away").getString("peerId"));
            JsonObject left = a.next("peer-left"); // the window (2 s for the tests, from the build) ended
            assertEquals(b.peerId(), left.getString("peerId"));
            assertEquals("timeout", left.getString("reason"));
            c.request("join", room);
            assertEquals(a.peerId(), c.next("joined").getJsonArray("peers").getString(0));
        }
    }

    @Test
    void theRoomDisappearsWithItsLastMember() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            a.request("create", room);
            a.next("created");
            a.send("{\"type\":\"leave\"}");
            a.sync();
            b.request("join", room);
            b.next("empty");
            b.request("create", room);
            b.next("created");
        }
    }
}
