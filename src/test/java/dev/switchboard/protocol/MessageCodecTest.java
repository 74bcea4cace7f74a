package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    private final MessageCodec codec = MessageCodec.shared();

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private Malformed malformed(String frame) {
        return assertInstanceOf(Malformed.class, codec.decode(frame));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1.5", "9007199254740992", "-9007199254740992", "1e999999999",
        "123456789012345678901234567890", "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""})
    void anIdTooLongOrNotASafeIntegerIsInvalidAndNotEchoed(String id) {
        Malformed malformed = malformed("{\"type\":\"join\",\"room\":\"r\",\"id\":" + id + "}");
        assertEquals(ErrorCode.INVALID_MESSAGE, malformed.code());
        assertEquals(null, malformed.id());
        assertEquals(null, malformed("{\"type\":\"dance\",\"id\":" + id + "}").id(), "not echoed by a diagnosis either");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "-5", "9007199254740991", "2.0", "\"\"",
        "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""})
    void aShortStringOrSafeIntegerIdIsAccepted(String id) {
        assertInstanceOf(Join.class, codec.decode("{\"type\":\"join\",\"room\":\"r\",\"id\":" + id + "}"));
    }

    /** Each would make Parsson's skipObject/skipArray loop forever if binding saw it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "{\"type\":\"offer\",\"candidate\":{\"candidate\"",
        "{\"type\":\"offer\",\"extra\":[1,2",
        "{\"extra\":{\"a\":1,\"type\":\"leave\"",
        "{\"extra\":[{\"a\":",
        "{\"type\":\"leave\",\"x\":{"})
    @org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aFrameThatEndsInsideAnUnknownMemberIsBadJsonAndDoesNotHang(String frame) {
        assertEquals(ErrorCode.BAD_JSON, malformed(frame).code());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1_000, 10_000, 30_000})
    void jsonNestedPastTheParsersLimitIsBadJson(int depth) {
        assertEquals(ErrorCode.BAD_JSON, malformed("[".repeat(depth) + "]".repeat(depth)).code());
        assertEquals(ErrorCode.BAD_JSON, malformed("{\"type\":\"message\",\"to\":\"x\",\"body\":"
                + "[".repeat(depth) + "]".repeat(depth) + "}").code());
    }

    @Test
    void decodesEachRoomRequest() {
        assertEquals(new Create("r1", null), codec.decode("{\"type\":\"create\",\"room\":\"r1\"}"));
        assertEquals(new Join("r1", null), codec.decode("{\"type\":\"join\",\"room\":\"r1\"}"));
        assertEquals(new CreateOrJoin("r1", null), codec.decode("{\"type\":\"create-or-join\",\"room\":\"r1\"}"));
        assertEquals(new Leave(null), codec.decode("{\"type\":\"leave\"}"));
    }

    @Test
    void typeNeedNotComeFirst() {
        assertEquals(new Join("r1", null), codec.decode("{\"room\":\"r1\",\"type\":\"join\"}"));
    }

    @Test
    void keepsStringAndNumberIds() {
        Join join = assertInstanceOf(Join.class, codec.decode("{\"type\":\"join\",\"room\":\"r\",\"id\":\"a-1\"}"));
        assertEquals("a-1", join.id());
        Join numbered = assertInstanceOf(Join.class, codec.decode("{\"type\":\"join\",\"room\":\"r\",\"id\":7}"));
        JsonObject reply = json(codec.encode(new Full("r", numbered.id())));
        assertEquals(Json.createValue(7), reply.get("ref"));
    }

    @Test
    void decodesSignalsAndIgnoresClientSuppliedSender() {
        Offer offer = assertInstanceOf(Offer.class,
                codec.decode("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\",\"from\":\"forged\",\"to\":\"p2\"}"));
        assertEquals("v=0\r\n", offer.sdp());
        assertEquals("p2", offer.to());
        Offer stamped = offer.inRoom("p1", "room");
        assertEquals("p1", stamped.from());
        assertEquals("room", stamped.room());
    }

    @Test
    void relaysCandidateObjectExactlyAsSent() {
        String candidate = "{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\","
                + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":null,\"extra\":[1,2]}";
        Candidate decoded = assertInstanceOf(Candidate.class,
                codec.decode("{\"type\":\"candidate\",\"candidate\":" + candidate + "}"));
        JsonObject out = json(codec.encode(decoded.inRoom("p1", "r")));
        assertEquals(json(candidate), out.getJsonObject("candidate"));
        assertEquals("candidate", out.getString("type"));
        assertEquals(java.util.Set.of("type", "candidate", "from", "room"), out.keySet());
    }

    @Test
    void endOfCandidatesIsWrittenAsExplicitNull() {
        Candidate decoded = assertInstanceOf(Candidate.class,
                codec.decode("{\"type\":\"candidate\",\"candidate\":null}"));
        JsonObject out = json(codec.encode(decoded.inRoom("p1", "r")));
        assertTrue(out.containsKey("candidate"));
        assertEquals(JsonValue.NULL, out.get("candidate"));
    }

    @Test
    void relayedSignalsCarryExactlyTheirDocumentedFields() {
        Offer offer = assertInstanceOf(Offer.class, codec.decode("{\"type\":\"offer\",\"sdp\":\"v=0\",\"to\":\"p2\"}"));
        assertEquals(java.util.Set.of("type", "sdp", "to", "from", "room"),
                json(codec.encode(offer.inRoom("p1", "r"))).keySet());
        assertEquals(java.util.Set.of("type", "sdp", "to", "from", "fromName", "ts"),
                json(codec.encode(offer.direct(new Sender("p1", "Alice", 1L)))).keySet());
        assertEquals(java.util.Set.of("type", "peerId", "heartbeatMs"), json(codec.encode(new Welcome("p", 5L))).keySet());
    }

    @Test
    void encodesRepliesWithTypeAndWithoutAbsentOptionalFields() {
        JsonObject joined = json(codec.encode(new Joined("r", "p2", List.of("p1"), null)));
        assertEquals("joined", joined.getString("type"));
        assertEquals("p2", joined.getString("peerId"));
        assertEquals(List.of(Json.createValue("p1")), joined.getJsonArray("peers"));
        assertTrue(!joined.containsKey("ref"));
        JsonObject created = json(codec.encode(new Created("r", "p1", List.of(), 3)));
        assertEquals(0, created.getJsonArray("peers").size());
        assertEquals(3, created.getInt("ref"));
    }

    @Test
    void encodesErrorWithCodeAndRef() {
        JsonObject error = json(codec.encode(ErrorMessage.of(ErrorCode.ROOM_EXISTS, "taken", "x")));
        assertEquals("error", error.getString("type"));
        assertEquals("room-exists", error.getString("code"));
        assertEquals("x", error.getString("ref"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "{\"type\":\"join\",}", "\"text\"", "[1,2]", "42", "null"})
    void rejectsFramesThatAreNotJsonObjectsAsBadJson(String frame) {
        assertEquals(ErrorCode.BAD_JSON, malformed(frame).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":5}", "{\"type\":\"dance\"}", "{\"type\":\"welcome\",\"peerId\":\"x\"}",
            "{\"type\":\"peer-left\"}", "{\"type\":null}"})
    void rejectsMissingUnknownAndServerOnlyTypesAsUnknownType(String frame) {
        assertEquals(ErrorCode.UNKNOWN_TYPE, malformed(frame).code());
    }

    @Test
    void unknownTypeKeepsTheRequestIdForTheReply() {
        assertEquals("q", malformed("{\"type\":\"dance\",\"id\":\"q\"}").id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"offer\"}", "{\"type\":\"answer\",\"sdp\":null}",
            "{\"type\":\"offer\",\"sdp\":{\"a\":1}}", "{\"type\":\"candidate\",\"candidate\":\"text\"}",
            "{\"type\":\"candidate\",\"candidate\":{\"sdpMid\":\"0\"}}", "{\"type\":\"join\",\"room\":\"r\",\"id\":[1]}",
            "{\"type\":\"join\",\"room\":[\"r\"]}"})
    void rejectsKnownTypesWithWrongFieldsAsInvalidMessage(String frame) {
        assertEquals(ErrorCode.INVALID_MESSAGE, malformed(frame).code());
    }

    @Test
    void missingRoomIsLeftForRoomValidation() {
        assertNull(assertInstanceOf(Join.class, codec.decode("{\"type\":\"join\"}")).room());
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "join", "create-or-join", "leave", "offer", "answer", "candidate", "bye",
            "login", "logout", "message", "invite", "decline"})
    void everyClientTypeIsKnown(String type) {
        ClientMessage decoded = codec.decode("{\"type\":\"" + type + "\",\"room\":\"r\",\"sdp\":\"v=0\",\"to\":\"x\"}");
        assertTrue(!(decoded instanceof Malformed), () -> type + " decoded as " + decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":\"hi\",\"n\":[1,2.5,{\"x\":null}]}", "\"plain text\"", "42", "[true,false]", "null"})
    void aDirectMessageBodyIsRelayedAsAnyJson(String body) {
        DirectMessage decoded = assertInstanceOf(DirectMessage.class,
                codec.decode("{\"type\":\"message\",\"to\":\"bob\",\"body\":" + body + "}"));
        JsonObject out = json(codec.encode(decoded.direct(new Sender("p1", "Alice", 5L))));
        assertEquals(json("{\"b\":" + body + "}").get("b"), out.get("body"));
        assertEquals("Alice", out.getString("fromName"));
        assertEquals(5, out.getInt("ts"));
        assertEquals("p1", out.getString("from"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"message\",\"body\":1}", "{\"type\":\"invite\",\"room\":\"r\"}",
            "{\"type\":\"decline\"}"})
    void personalMessagesWithoutAnAddresseeAreInvalid(String frame) {
        assertEquals(ErrorCode.INVALID_MESSAGE, malformed(frame).code());
    }

    @Test
    void theLoginReplyHasTheDocumentedShape() {
        JsonObject reply = json(codec.encode(Login.accepted("Alice", "p1", "l-1")));
        assertEquals(json("{\"type\":\"login\",\"ok\":true,\"name\":\"Alice\",\"peerId\":\"p1\",\"ref\":\"l-1\"}"), reply);
    }
}
