package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Black-box: bad frames get the documented error and the connection stays usable; oversize closes 1009. */
class BadInputIT {

    @AfterAll
    static void nothingLeaks() throws Exception {
        ServerUnderTest.awaitNoRoomsAndNoConnections();
    }

    /** After the error, the same connection still creates a room. */
    private static void assertStillUsable(TestPeer peer) {
        peer.request("create", uniqueRoom());
        peer.next("created");
        assertFalse(peer.isClosed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{", "{\"type\":\"join\",}", "[]", "\"join\"", "{\"type\":\"join\" \"room\":\"x\"}"})
    void malformedJsonIsBadJson(String frame) {
        try (TestPeer peer = TestPeer.connect()) {
            peer.send(frame);
            peer.nextError("bad-json");
            assertStillUsable(peer);
        }
    }

    /** Frames that once cost a server thread: an endless loop, a stack overflow, an escaping exception. */
    static Stream<String> framesBeyondWhatTheParserTakes() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        return Stream.of("{\"a\":{", "{\"to\":\"x\",\"body\":[1,{\"k\":", "{\"type\":\"leave\",\"x\":{", deep,
                "{\"type\":\"join\",\"room\":\"r\",\"id\":" + deep + "}",
                "{\"type\":\"message\",\"to\":\"x\",\"body\":" + "9".repeat(1200) + "}",
                "{\"type\":\"message\",\"to\":\"x\",\"body\":[1e9999999999]}");
    }

    @ParameterizedTest
    @MethodSource("framesBeyondWhatTheParserTakes")
    void framesBeyondWhatTheParserTakesAreBadJson(String frame) {
        try (TestPeer peer = TestPeer.connect()) {
            peer.send(frame);
            peer.nextError("bad-json");
            assertStillUsable(peer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":\"dance\"}", "{\"type\":7}", "{\"type\":\"welcome\"}", "{\"type\":\"JOIN\"}"})
    void missingOrUnknownTypesAreUnknownType(String frame) {
        try (TestPeer peer = TestPeer.connect()) {
            peer.send(frame);
            peer.nextError("unknown-type");
            assertStillUsable(peer);
        }
    }

    @Test
    void unknownTypeEchoesTheRequestId() {
        try (TestPeer peer = TestPeer.connect()) {
            peer.send("{\"type\":\"dance\",\"id\":\"d-1\"}");
            assertEquals("d-1", peer.nextError("unknown-type").getString("ref"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"offer\"}", "{\"type\":\"offer\",\"sdp\":[1]}",
            "{\"type\":\"candidate\",\"candidate\":\"a string\"}", "{\"type\":\"candidate\",\"candidate\":{}}",
            "{\"type\":\"create\",\"room\":\"r\",\"id\":{\"nested\":true}}"})
    void knownTypesWithWrongFieldsAreInvalidMessage(String frame) {
        try (TestPeer peer = TestPeer.connect()) {
            peer.send(frame);
            peer.nextError("invalid-message");
            assertStillUsable(peer);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"create\"}", "{\"type\":\"join\",\"room\":\"\"}",
            "{\"type\":\"create-or-join\",\"room\":\"has space\"}", "{\"type\":\"create\",\"room\":\"../etc\"}",
            "{\"type\":\"join\",\"room\":\"caf\u00e9\"}",
            "{\"type\":\"create\",\"room\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}"})
    void badRoomNamesAreInvalidRoom(String frame) {
        try (TestPeer peer = TestPeer.connect()) {
            peer.send(frame);
            peer.nextError("invalid-room");
            assertStillUsable(peer);
        }
    }

    @Test
    void aFrameOverTheSizeLimitClosesTheConnectionWith1009() {
        try (TestPeer peer = TestPeer.connect()) {
            String sdp = "x".repeat(64 * 1024);
            peer.send("{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}");
            assertEquals(1009, peer.closeCode());
        }
    }

    @Test
    void anOversizeFrameFromOneMemberLeavesTheOtherInformed() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            TestPeer.meet(a, b, room);
            b.send("{\"type\":\"offer\",\"sdp\":\"" + "x".repeat(70_000) + "\"}");
            assertEquals(1009, b.closeCode());
            assertEquals("disconnected", a.next("peer-left").getString("reason"));
        }
    }
}
