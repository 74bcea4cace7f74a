package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Black-box: offer, answer, candidate and bye between the members of a room, and nowhere else. */
class RelayIT {

    private static final String SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n";

    @AfterAll
    static void nothingLeaks() throws Exception {
        ServerUnderTest.awaitNoRoomsAndNoConnections();
    }

    /** Two peers in a fresh room, with the join notifications read. */
    private static TestPeer[] pair(String room) {
        TestPeer a = TestPeer.connect();
        TestPeer b = TestPeer.connect();
        TestPeer.meet(a, b, room);
        return new TestPeer[] {a, b};
    }

    private static JsonObject candidate(int n) {
        return Json.createObjectBuilder()
                .add("candidate", "candidate:" + n + " 1 udp 2122260223 127.0.0.1 " + (50000 + n) + " typ host")
                .add("sdpMid", "0")
                .add("sdpMLineIndex", 0)
                .add("usernameFragment", "abcd")
                .build();
    }

    @Test
    void offerAnswerAndCandidatesAreExchangedExactlyAsDocumented() {
        String room = uniqueRoom();
        TestPeer[] peers = pair(room);
        try (TestPeer a = peers[0]; TestPeer b = peers[1]) {
            a.send(Json.createObjectBuilder().add("type", "offer").add("sdp", SDP).build());
            JsonObject offer = b.next("offer");
            assertEquals(SDP, offer.getString("sdp"));
            assertEquals(a.peerId(), offer.getString("from"));
            assertEquals(room, offer.getString("room"));

            b.send(Json.createObjectBuilder().add("type", "answer").add("sdp", SDP).add("to", a.peerId()).build());
            JsonObject answer = a.next("answer");
            assertEquals(SDP, answer.getString("sdp"));
            assertEquals(b.peerId(), answer.getString("from"));

            for (int i = 0; i < 10; i++) {
                a.send(Json.createObjectBuilder().add("type", "candidate").add("candidate", candidate(i)).build());
                b.send(Json.createObjectBuilder().add("type", "candidate").add("candidate", candidate(100 + i)).build());
            }
            for (int i = 0; i < 10; i++) { // in the order they were sent
                JsonObject atB = b.next("candidate");
                assertEquals(candidate(i), atB.getJsonObject("candidate"));
                assertEquals(a.peerId(), atB.getString("from"));
                JsonObject atA = a.next("candidate");
                assertEquals(candidate(100 + i), atA.getJsonObject("candidate"));
                assertEquals(b.peerId(), atA.getString("from"));
            }

            a.send("{\"type\":\"candidate\",\"candidate\":null}");
            JsonObject end = b.next("candidate");
            assertTrue(end.containsKey("candidate"));
            assertEquals(JsonValue.NULL, end.get("candidate"));

            a.send("{\"type\":\"bye\"}");
            JsonObject bye = b.next("bye");
            assertEquals(a.peerId(), bye.getString("from"));
            assertEquals(room, bye.getString("room"));
        }
    }

    @Test
    void aForgedFromAndRoomAreReplacedByTheServer() {
        String room = uniqueRoom();
        TestPeer[] peers = pair(room);
        try (TestPeer a = peers[0]; TestPeer b = peers[1]) {
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\",\"from\":\"" + b.peerId() + "\",\"room\":\"other\"}");
            JsonObject offer = b.next("offer");
            assertEquals(a.peerId(), offer.getString("from"));
            assertEquals(room, offer.getString("room"));
        }
    }

    @Test
    void addressedSignalsGoToTheirTargetOnly() {
        String room = uniqueRoom();
        TestPeer[] peers = pair(room);
        try (TestPeer a = peers[0]; TestPeer b = peers[1]) {
            a.send(Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0").add("to", b.peerId()).build());
            JsonObject offer = b.next("offer");
            assertEquals(b.peerId(), offer.getString("to"));
            a.sync();
            a.assertNothingReceived();
        }
    }

    @Test
    void addressingAPeerOutsideTheRoomIsUnknownPeerAndDeliversNothing() {
        TestPeer[] first = pair(uniqueRoom());
        TestPeer[] second = pair(uniqueRoom());
        try (TestPeer a = first[0]; TestPeer b = first[1]; TestPeer c = second[0]; TestPeer d = second[1]) {
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\",\"to\":\"" + c.peerId() + "\",\"id\":\"o-1\"}");
            assertEquals("o-1", a.nextError("unknown-peer").getString("ref"));
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\",\"to\":\"no-such-peer\"}");
            a.nextError("unknown-peer");
            assertNothingArrivedAt(b, c, d);
        }
    }

    @Test
    void messagesNeverReachAnotherRoom() {
        TestPeer[] first = pair(uniqueRoom());
        TestPeer[] second = pair(uniqueRoom());
        try (TestPeer a = first[0]; TestPeer b = first[1]; TestPeer c = second[0]; TestPeer d = second[1]) {
            for (int i = 0; i < 20; i++) {
                a.send("{\"type\":\"offer\",\"sdp\":\"room-one-" + i + "\",\"room\":\"" + "x" + "\"}");
                c.send("{\"type\":\"offer\",\"sdp\":\"room-two-" + i + "\"}");
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("room-one-" + i, b.next("offer").getString("sdp"));
                assertEquals("room-two-" + i, d.next("offer").getString("sdp"));
            }
            assertNothingArrivedAt(a, b, c, d);
        }
    }

    @Test
    void signalsBeforeJoiningAreNotInRoom() {
        try (TestPeer a = TestPeer.connect()) {
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
            a.nextError("not-in-room");
            a.send("{\"type\":\"candidate\",\"candidate\":null}");
            a.nextError("not-in-room");
            a.send("{\"type\":\"bye\"}");
            a.nextError("not-in-room");
        }
    }

    @Test
    void afterLeavingNothingMoreIsRelayedEitherWay() {
        String room = uniqueRoom();
        TestPeer[] peers = pair(room);
        try (TestPeer a = peers[0]; TestPeer b = peers[1]) {
            a.send("{\"type\":\"leave\"}");
            b.next("peer-left");
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
            a.nextError("not-in-room");
            b.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
            b.sync();
            assertNothingArrivedAt(a, b);
        }
    }

    @Test
    void anSdpNearTheSizeLimitIsRelayed() {
        String room = uniqueRoom();
        TestPeer[] peers = pair(room);
        try (TestPeer a = peers[0]; TestPeer b = peers[1]) {
            String big = "x".repeat(60_000); // the frame stays under the 64 KiB limit
            a.send(Json.createObjectBuilder().add("type", "offer").add("sdp", big).build());
            assertEquals(big, b.next("offer").getString("sdp"));
            assertFalse(a.isClosed());
        }
    }

    /** Barrier: every peer's earlier frames have been handled, so anything relayed would be queued by now. */
    private static void assertNothingArrivedAt(TestPeer... peers) {
        for (TestPeer peer : peers) {
            peer.sync();
        }
        for (TestPeer peer : peers) {
            peer.sync(); // a second round: frames relayed during the first round are ahead of these replies
            peer.assertNothingReceived();
        }
    }
}
