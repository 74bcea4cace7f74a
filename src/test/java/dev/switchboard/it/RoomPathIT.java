package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Black-box: connecting to /rooms/{room} is create-or-join of that room. */
class RoomPathIT {

    @AfterAll
    static void nothingLeaks() throws Exception {
        ServerUnderTest.awaitNoRoomsAndNoConnections();
    }

    @Test
    void theFirstPeerCreatesTheSecondJoinsTheThirdIsFullAndDisconnected() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connectToRoom(room); TestPeer b = TestPeer.connectToRoom(room)) {
            JsonObject created = a.next("created");
            assertEquals(room, created.getString("room"));
            assertEquals(a.peerId(), created.getString("peerId"));
            JsonObject joined = b.next("joined");
            assertEquals(a.peerId(), joined.getJsonArray("peers").getString(0));
            assertEquals(b.peerId(), a.next("peer-joined").getString("peerId"));

            try (TestPeer c = TestPeer.connectToRoom(room)) {
                assertEquals(room, c.next("full").getString("room"));
                assertEquals(4001, c.closeCode());
            }

            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
            assertEquals(a.peerId(), b.next("offer").getString("from"));
            a.sync();
            a.assertNothingReceived();
        }
    }

    @Test
    void anInvalidRoomNameIsToldAndDisconnected() {
        try (TestPeer peer = TestPeer.connectToRoom("bad.name")) {
            peer.nextError("invalid-room");
            assertEquals(4002, peer.closeCode());
        }
    }

    @Test
    void membersSpeakTheSameProtocolAsOnSignal() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connectToRoom(room); TestPeer b = TestPeer.connect()) {
            a.next("created");
            b.request("join", room);
            b.next("joined");
            a.next("peer-joined");
            a.send("{\"type\":\"leave\"}");
            assertEquals("left", b.next("peer-left").getString("reason"));
            a.request("create", uniqueRoom());
            a.next("created");
        }
    }
}
