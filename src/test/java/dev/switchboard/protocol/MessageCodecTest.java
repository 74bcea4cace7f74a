package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "9007199254740992", "-9007199254740992", "1e999999999",
        "123456789012345678901234567890", "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""})
    void anIdTooLongOrNotASafeIntegerIsInvalidAndNotEchoed(String id) {
        Malformed malformed = malformed("{\"type\":\"join\",\"room\":\"r\",\"id\":" + id + "}");
        assertEquals(ErrorCode.INVALID_MESSAGE, malformed.code());
        assertEquals(null, malformed.id());
        assertEquals(null, malformed("{\"type\":\"dance\",\"id\":" + id + "}").id(), "not echoed by a diagnosis either");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "9007199254740991", "2.0", "\"\"",
        "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\""})
    void aShortStringOrSafeIntegerIdIsAccepted(String id) {
        assertInstanceOf(Join.class, codec.decode("{\"type\":\"join\",\"room\":\"r\",\"id\":" + id + "}"));
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
        Signal offer = assertInstanceOf(Signal.class,
                codec.decode("{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\",\"from\":\"forged\",\"to\":\"p2\"}"));
        assertEquals(SignalType.OFFER, offer.type());
        assertEquals("p2", offer.to());
        JsonObject stamped = json(codec.encode(offer.inRoom("p1", "room")));
        assertEquals("v=0\r\n", stamped.getString("sdp"));
        assertEquals("p1", stamped.getString("from"));
        assertEquals("room", stamped.getString("room"));
    }

    @Test
    void relaysTheSendersOwnTextWithTheSenderStampedIn() {
        String sdp = "\"v=0\\r\\no=- 1 2 IN IP4 0.0.0.0\\r\\ns=\\u0041\\/\\\"x\\\"\"";
        Signal offer = assertInstanceOf(Signal.class,
                codec.decode("{ \"sdp\" : " + sdp + ", \"room\":\"forged\", \"type\":\"offer\", \"id\" : 1e2 }"));
        assertEquals("{\"type\":\"offer\",\"from\":\"p1\",\"room\":\"r\",\"sdp\":" + sdp + ",\"id\":1e2}",
                codec.encode(offer.inRoom("p1", "r")));
        assertEquals("{\"type\":\"offer\",\"from\":\"p1\",\"fromName\":\"A \\\"B\\\" \\\\ C\",\"ts\":5,\"sdp\":" + sdp
                + ",\"id\":1e2}", codec.encode(offer.direct(new Sender("p1", "A \"B\" \\ C", 5L))));
    }

    @Test
    void relaysCandidateObjectExactlyAsSent() {
        String candidate = "{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\","
                + " \"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":null,\"extra\":[1,2]}";
        Signal decoded = assertInstanceOf(Signal.class,
                codec.decode("{\"type\":\"candidate\",\"candidate\":" + candidate + "}"));
        String out = codec.encode(decoded.inRoom("p1", "r"));
        assertTrue(out.contains("\"candidate\":" + candidate), out);
        assertEquals(Set.of("type", "candidate", "from", "room"), json(out).keySet());
    }

    @Test
    void endOfCandidatesIsWrittenAsExplicitNull() {
        for (String frame : List.of("{\"type\":\"candidate\",\"candidate\":null}", "{\"type\":\"candidate\"}")) {
            Signal decoded = assertInstanceOf(Signal.class, codec.decode(frame));
            JsonObject out = json(codec.encode(decoded.inRoom("p1", "r")));
            assertEquals(JsonValue.NULL, out.get("candidate"), frame);
        }
    }

    @Test
    void ofAMemberWrittenTwiceTheLastCounts() {
        Signal offer = assertInstanceOf(Signal.class,
                codec.decode("{\"type\":\"offer\",\"sdp\":\"first\",\"to\":\"p2\",\"sdp\":\"last\",\"to\":null}"));
        assertEquals(null, offer.to());
        assertEquals("{\"type\":\"offer\",\"from\":\"p1\",\"room\":\"r\",\"sdp\":\"last\"}",
                codec.encode(offer.inRoom("p1", "r")));
    }

    @Test
    void signalMembersOfTheWrongKindAreInvalidMessages() {
        for (String frame : List.of("{\"type\":\"offer\",\"sdp\":5}", "{\"type\":\"offer\",\"sdp\":\"v\",\"to\":[]}",
                "{\"type\":\"answer\"}", "{\"type\":\"bye\",\"id\":true}", "{\"type\":\"candidate\",\"candidate\":\"c\"}",
                "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c\",\"candidate\":1}}")) {
            assertEquals(ErrorCode.INVALID_MESSAGE, malformed(frame).code(), frame);
        }
    }

    @Test
    void relayedSignalsCarryExactlyTheirDocumentedFields() {
        Signal offer = assertInstanceOf(Signal.class,
                codec.decode("{\"type\":\"offer\",\"sdp\":\"v=0\",\"to\":\"p2\",\"extra\":{\"a\":1},\"ts\":\"x\"}"));
        assertEquals(Set.of("type", "sdp", "to", "from", "room"),
                json(codec.encode(offer.inRoom("p1", "r"))).keySet());
        assertEquals(Set.of("type", "sdp", "to", "from", "fromName", "ts"),
                json(codec.encode(offer.direct(new Sender("p1", "Alice", 1L)))).keySet());
        assertEquals(Set.of("type", "peerId", "heartbeatMs"), json(codec.encode(new Welcome("p", 5L))).keySet());
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

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":{", "{\"a\":[", "{\"to\":\"x\",\"body\":[1,{\"k\":", "{\"a\":{]",
            "{\"type\":\"leave\",\"x\":{", "{\"type\":\"message\",\"to\":\"bob\",\"body\":1,\"extra\":[[1,",
            "{\"type\":\"offer\",\"candidate\":{\"candidate\"", "{\"type\":\"offer\",\"extra\":[1,2",
            "{\"extra\":{\"a\":1,\"type\":\"leave\"", "{\"extra\":[{\"a\":"})
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFrameEndingInsideANestedValueIsBadJsonAndDoesNotHang(String frame) {
        // Parsson's skipObject()/skipArray() spin forever on these (eclipse-ee4j/parsson#23): in a scan for
        // the type, and in JSON-B skipping an unknown member after the type (found by MessageCodecFuzzTest)
        assertEquals(ErrorCode.BAD_JSON, malformed(frame).code());
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        String body = "[".repeat(MessageCodec.MAX_DEPTH - 1) + "]".repeat(MessageCodec.MAX_DEPTH - 1);
        assertInstanceOf(DirectMessage.class, codec.decode("{\"type\":\"message\",\"to\":\"x\",\"body\":" + body + "}"));
        String id = "[".repeat(MessageCodec.MAX_DEPTH - 1) + "]".repeat(MessageCodec.MAX_DEPTH - 1);
        assertEquals(ErrorCode.INVALID_MESSAGE, malformed("{\"type\":\"join\",\"room\":\"r\",\"id\":" + id + "}").code());
    }

    @ParameterizedTest
    @ValueSource(ints = {MessageCodec.MAX_DEPTH, 1000, 5000, 65536})
    void nestingBeyondTheLimitIsBadJson(int depth) {
        // Before the limit: StackOverflowError from JSON-B reading a deep id (~650 levels on a 1 MB stack),
        // RuntimeException from Parsson past 1000 levels.
        String nested = "[".repeat(depth) + "]".repeat(depth);
        for (String frame : List.of(nested, "{\"type\":\"join\",\"room\":\"r\",\"id\":" + nested + "}",
                "{\"type\":\"message\",\"to\":\"x\",\"body\":" + nested + "}", "[".repeat(depth))) {
            assertEquals(ErrorCode.BAD_JSON, malformed(frame).code());
        }
    }

    @Test
    void bracketsInsideStringsAreNotNesting() {
        String sdp = "[{".repeat(1000) + "\\\"]}";
        Signal offer = assertInstanceOf(Signal.class, codec.decode("{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}"));
        assertEquals("[{".repeat(1000) + "\"]}", json(codec.encode(offer.inRoom("p1", "r"))).getString("sdp"));
    }

    @Test
    void numbersUpToTheLengthLimitAreRead() {
        String digits = "9".repeat(MessageCodec.MAX_NUMBER_LENGTH);
        DirectMessage message = assertInstanceOf(DirectMessage.class,
                codec.decode("{\"type\":\"message\",\"to\":\"x\",\"body\":[" + digits + "]}"));
        assertEquals(new BigDecimal(digits), message.body().asJsonArray().getJsonNumber(0).bigDecimalValue());
        // read, then refused as an id: too big to echo as a ref
        assertEquals(ErrorCode.INVALID_MESSAGE, malformed("{\"type\":\"join\",\"room\":\"r\",\"id\":" + digits + "}").code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"join\",\"room\":\"r\",\"id\":%s}", "{\"type\":\"offer\",\"sdp\":\"x\",\"ts\":%s}",
            "{\"type\":\"message\",\"to\":\"x\",\"body\":[%s]}", "{\"type\":\"dance\",\"id\":%s}", "{\"type\":\"join\",\"room\":%s}"})
    void numbersOverTheLengthLimitAreBadJson(String template) {
        // Before the limit: Parsson threw UnsupportedOperationException past 1100 characters (ts, body,
        // the id of an unknown type), and JSON-B read a long id in quadratic time.
        String digits = "9".repeat(MessageCodec.MAX_NUMBER_LENGTH + 1);
        assertEquals(ErrorCode.BAD_JSON, malformed(String.format(template, digits)).code());
        assertEquals(ErrorCode.BAD_JSON, malformed(String.format(template, "-0." + "0".repeat(2000) + "1e-5")).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"message\",\"to\":\"x\",\"body\":[1e9999999999]}",
            "{\"type\":\"join\",\"room\":\"r\",\"id\":-0.0e-0999999999999998}",
            "{\"type\":\"offer\",\"sdp\":\"x\",\"ts\":1E+2147483648}",
            "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c\",\"sdpMLineIndex\":1e-99999999999}}",
            "{\"type\":\"dance\",\"id\":0.5e-2147483647}"})
    void numbersBeyondTheRangeOfBigDecimalAreBadJson(String frame) {
        // Parsson threw NumberFormatException from BigDecimal (found by MessageCodecFuzzTest)
        assertEquals(ErrorCode.BAD_JSON, malformed(frame).code());
    }
}
