package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The schemas under docs/schemas against the code: one schema per message type of each direction, every
 * error code, and the frames the server's own encoder writes (JSON-B omits null fields, so optional
 * fields are absent rather than null). The integration tests then check what the servers really send.
 */
class ProtocolSchemasTest {

    private static final ProtocolSchemas SCHEMAS = ProtocolSchemas.shared();
    private static final MessageCodec CODEC = MessageCodec.shared();
    private static final String A = "dEpSJFKD6kPtwkLc3f9svg";
    private static final String B = "Z_lLqz0Tz9c2AQm4r0Tz9c";
    private static final String TOKEN = "q0K1bq3S2Rk5m9xWm6T0N2c3WfJm3cVYb8m5i3b0hQk";

    @Test
    void thereIsOneSchemaPerTypeOfEachDirection() {
        List<JsonbSubtype> subtypes = Arrays.asList(Message.class.getAnnotation(JsonbTypeInfo.class).value());
        assertEquals(types(subtypes, ServerMessage.class), SCHEMAS.serverSchemas().keySet(), "server types");
        assertEquals(types(subtypes, ClientMessage.class), SCHEMAS.clientSchemas().keySet(), "client types");
    }

    /** The types JSON-B reads or writes in {@code direction}, and the signals, which travel both ways without it. */
    private static Set<String> types(List<JsonbSubtype> subtypes, Class<?> direction) {
        Set<String> types = subtypes.stream().filter(subtype -> direction.isAssignableFrom(subtype.type()))
                .map(JsonbSubtype::alias).collect(Collectors.toCollection(TreeSet::new));
        Arrays.stream(SignalType.values()).map(SignalType::wireName).forEach(types::add);
        return types;
    }

    /** Each file is a valid draft-07 schema (common.json included, which no message schema checks whole). */
    @Test
    void everySchemaFileIsAValidDraft07Schema() throws Exception {
        Schema draft7 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        try (Stream<Path> files = Files.walk(ProtocolSchemas.DIRECTORY)) {
            List<Path> schemas = files.filter(file -> file.toString().endsWith(".json")).toList();
            assertEquals(SCHEMAS.serverSchemas().size() + SCHEMAS.clientSchemas().size() + 1, schemas.size());
            for (Path file : schemas) {
                assertEquals(List.of(), draft7.validate(Files.readString(file), InputFormat.JSON), file.toString());
            }
        }
    }

    @Test
    void theErrorSchemaListsEveryErrorCode() {
        JsonNode codes = SCHEMAS.serverSchemas().get("error").getSchemaNode().at("/properties/code/enum");
        Set<String> listed = new TreeSet<>();
        codes.forEach(code -> listed.add(code.asString()));
        assertEquals(Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).collect(Collectors.toCollection(TreeSet::new)),
                listed);
    }

    @Test
    void framesTheEncoderWritesMatch() {
        IceServer stun = IceServer.open(List.of("stun:turn.example.com:3478"));
        IceServer turn = new IceServer(List.of("turn:turn.example.com:3478?transport=udp"),
                "1796290000:" + A, "tJq0eLMGQeaSH2TGdLDfonssiXk=");
        JsonValue candidate = Json.createObjectBuilder().add("candidate", "candidate:1 1 udp 1 127.0.0.1 5 typ host")
                .add("sdpMid", "0").add("sdpMLineIndex", 0).build();
        Sender alice = new Sender(A, "Alice", 1795237496189L);
        List<ServerMessage> frames = List.of(
                new Welcome(A, 20000L),
                new Welcome(A, 20000L, List.of(stun, turn), TOKEN, 30000L),
                new Resumed(A, "demo", 20000L, null, TOKEN, 30000L),
                new Resumed(A, null, 20000L, List.of(stun), TOKEN, 30000L),
                new IceServers(List.of(stun, turn)),
                Auth.accepted(1796303600L, 5),
                new Created("demo", A, List.of(), "r-1"),
                new Joined("demo", B, List.of(A), new BigDecimal("9007199254740991")),
                new Full("demo", null), new Empty("demo", 3),
                // ids such as 5.0 and 1E+2, which the decoder accepts as safe integers and JSON-B writes back as numbers
                new Full("demo", new BigDecimal("5.0")), new Full("demo", new BigDecimal("1E+2")),
                new PeerJoined("demo", B), new PeerAway("demo", B), new PeerBack("demo", B),
                new PeerLeft("demo", B, PeerLeft.TIMEOUT),
                ErrorMessage.of(ErrorCode.RESUME_FAILED, "the session cannot be resumed", null),
                Login.accepted("Alice", A, 1),
                new Presence(List.of(new PeerEntry(A, "Alice"), new PeerEntry(B, "Bob"))),
                new PeerOnline(B, "Bob"), new PeerOffline(B, "Bob", PeerOffline.LOGOUT),
                Signals.offer("v=0", null, 7).inRoom(A, "demo"),
                Signals.answer("v=0", B).direct(alice),
                Signals.read("{\"type\":\"candidate\",\"candidate\":" + candidate + "}").inRoom(A, "demo"),
                Signals.read("{\"type\":\"candidate\",\"candidate\":null,\"to\":\"" + B + "\",\"id\":\"c\"}").direct(alice),
                Signals.bye(null, null).inRoom(A, "demo"),
                Signals.bye("Bob", null).direct(alice),
                new DirectMessage(Json.createObjectBuilder().add("text", "lunch?").build(), "bob", null, null, null, null)
                        .direct(alice),
                new DirectMessage(null, "bob", null, null, null, null).direct(alice),
                new Invite("call-123", "Bob", null, null, null, null).direct(alice),
                new Decline(null, "Alice", null, null, null, null).direct(alice));
        for (ServerMessage message : frames) {
            String frame = CODEC.encode(message);
            assertNull(SCHEMAS.serverFrameViolation(frame), frame);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"peer-joined\",\"room\":\"demo\",\"peerId\":\"" + A + "\",\"extra\":1}|additional",
            "{\"type\":\"error\",\"code\":\"no-such-code\",\"message\":\"m\"}|enum",
            "{\"type\":\"joined\",\"room\":\"demo\",\"peerId\":\"" + A + "\"}|required",
            "{\"type\":\"peer-left\",\"room\":\"no room!\",\"peerId\":\"" + A + "\",\"reason\":\"left\"}|pattern",
            "{\"type\":\"offer\",\"sdp\":\"v=0 secret\",\"from\":\"" + A + "\"}|oneOf",
            "{\"type\":\"offer\",\"sdp\":\"v=0 secret\",\"from\":\"" + A + "\",\"room\":\"demo\",\"ts\":1}|oneOf",
            "{\"type\":\"sync\"}|no schema",
            "[1]|not a JSON object",
    })
    void aFrameThatBreaksARuleIsReportedWithTheRuleAndWithoutItsSdp(String frameAndRule) {
        String[] parts = frameAndRule.split("\\|");
        String violation = SCHEMAS.serverFrameViolation(parts[0]);
        assertNotNull(violation, parts[0]);
        assertTrue(violation.contains(parts[1]), violation);
        assertTrue(!violation.contains("secret"), violation);
    }
}
