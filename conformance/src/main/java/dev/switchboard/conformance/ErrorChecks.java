package dev.switchboard.conformance;

import static dev.switchboard.conformance.Checks.require;
import static dev.switchboard.conformance.Checks.requireRef;
import static dev.switchboard.conformance.Frames.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the server answers to frames that break the protocol, and the close codes of those it cannot take. */
final class ErrorChecks {

    /** The documented default of {@code switchboard.message.max-bytes}. */
    static final int MAX_MESSAGE_BYTES = 65536;

    private ErrorChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("bad-json", ErrorChecks::framesThatAreNotJsonObjectsGetBadJson),
                new Check("unknown-type", ErrorChecks::framesWithoutAKnownTypeGetUnknownType),
                new Check("invalid-message", ErrorChecks::knownTypesWithBadFieldsGetInvalidMessage),
                new Check("size-limit", ErrorChecks::aMessageOverTheSizeLimitCloses1009),
                new Check("binary-frame", ErrorChecks::aBinaryFrameCloses1003),
                new Check("ping", ErrorChecks::aPingIsAnsweredWithAPong));
    }

    private static String framesThatAreNotJsonObjectsGetBadJson(Session session) {
        Peer a = session.connect("A");
        for (String frame : List.of("{\"type\":\"join\",", "[{\"type\":\"leave\"}]", "\"leave\"", "42")) {
            a.sendText(frame);
            a.expectError("bad-json");
        }
        stillServed(a);
        return "malformed, array, string, number: error bad-json; the connection stays open";
    }

    /** An error never closes the connection: a request after it is still answered. */
    private static void stillServed(Peer peer) {
        String room = Session.newRoom();
        peer.send(message("join", "room", room));
        peer.expect("empty");
    }

    private static String framesWithoutAKnownTypeGetUnknownType(Session session) {
        Peer a = session.connect("A");
        a.send(message("teleport", "room", Session.newRoom(), "id", 10));
        requireRef(a, a.expectError("unknown-type"), 10);
        a.sendText("{\"room\":\"x\"}");
        a.expectError("unknown-type");
        a.sendText("{\"type\":7}");
        a.expectError("unknown-type");
        a.send(message("welcome"));
        a.expectError("unknown-type");
        stillServed(a);
        return "unknown, missing, numeric, a server-only type: error unknown-type";
    }

    private static String knownTypesWithBadFieldsGetInvalidMessage(Session session) {
        String room = Session.newRoom();
        List<Peer> pair = session.pair(room);
        Peer a = pair.get(0);
        a.send(message("offer", "id", 11));
        requireRef(a, a.expectError("invalid-message"), 11);
        a.send(message("candidate", "candidate", "not an object"));
        a.expectError("invalid-message");
        a.send(message("answer", "sdp", Map.of("an", "object")));
        a.expectError("invalid-message");
        // an id that is neither a short string nor a safe integer: the error cannot refer to it
        a.send(message("leave", "id", Map.of("not", "an id")));
        requireRef(a, a.expectError("invalid-message"), null);
        a.send(message("leave", "id", "x".repeat(129)));
        requireRef(a, a.expectError("invalid-message"), null);
        // none of them was relayed
        a.send(message("bye"));
        JsonNode next = pair.get(1).next();
        require("bye".equals(Frames.text(next, "type")), "B expected nothing before A's bye, got " + Peer.describe(next));
        return "offer without sdp, candidate not an object, object for sdp, bad ids (no ref): error invalid-message";
    }

    private static String aMessageOverTheSizeLimitCloses1009(Session session) {
        String room = Session.newRoom();
        List<Peer> pair = session.pair(room);
        Peer a = pair.get(0);
        String envelope = message("offer", "sdp", "").toString();
        String padding = "v".repeat(MAX_MESSAGE_BYTES + 1 - envelope.getBytes(StandardCharsets.UTF_8).length);
        String frame = message("offer", "sdp", padding).toString();
        require(frame.getBytes(StandardCharsets.UTF_8).length == MAX_MESSAGE_BYTES + 1, "the kit built a frame of the wrong size");
        // exactly at the limit is still a message
        String atLimit = message("offer", "sdp", padding.substring(1)).toString();
        a.sendText(atLimit);
        RelayChecks.expectRelayed(pair.get(1), "offer", a, room);
        a.sendText(frame);
        Peer.Closed closed = a.awaitClose();
        require(closed.code() == 1009, "expected close 1009 for " + frame.length() + " bytes, got " + closed);
        Checks.expectPeerLeft(pair.get(1), room, a, "disconnected");
        return "65536 bytes relayed; 65537 bytes: closed 1009, the room heard peer-left";
    }

    private static String aBinaryFrameCloses1003(Session session) {
        Peer a = session.connect("A");
        a.sendBinary("{\"type\":\"leave\"}".getBytes(StandardCharsets.UTF_8));
        Peer.Closed closed = a.awaitClose();
        require(closed.code() == 1003, "expected close 1003, got " + closed);
        return "closed 1003";
    }

    private static String aPingIsAnsweredWithAPong(Session session) {
        Peer a = session.connect("A");
        a.ping();
        return "pong";
    }
}
