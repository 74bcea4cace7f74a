package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * Whatever a client sends, the decoder hands the server a message to act on and never throws: an exception
 * or error escaping it would reach the container instead of an {@code error} reply to the client.
 *
 * <p>{@code mvn test} replays the seeds in {@code MessageCodecFuzzTestInputs/<method>/} (under
 * src/test/resources, next to this package); {@code JAZZER_FUZZ=1} fuzzes instead (docs/fuzzing.md).
 */
class MessageCodecFuzzTest {

    /** The server's default {@code switchboard.message.max-bytes}. */
    private static final int MAX_BYTES = 65536;

    /** The only codes the decoder itself gives; the others come from acting on a message. */
    private static final Set<ErrorCode> DECODER_CODES =
            Set.of(ErrorCode.BAD_JSON, ErrorCode.UNKNOWN_TYPE, ErrorCode.INVALID_MESSAGE);

    /** Jazzer's switch between fuzzing and replaying the seeds: JAZZER_FUZZ, as variable or property. */
    private static final boolean FUZZING =
            truthy(System.getenv("JAZZER_FUZZ")) || truthy(System.getProperty("JAZZER_FUZZ"));

    /**
     * Replaying, each seed is decoded on a thread of its own with a time limit, so that an endless loop fails
     * the build instead of hanging it (JUnit's {@code @Timeout} would also cut a fuzzing run short).
     */
    private static final Duration SEED_TIME_LIMIT = Duration.ofSeconds(10);

    private final MessageCodec codec = MessageCodec.shared();

    private static boolean truthy(String value) {
        return value != null && Set.of("1", "true", "yes").contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    private final MessageDecoder decoder = new MessageDecoder(new MessageSizeLimit(MAX_BYTES));

    /** As the endpoints decode every text frame: size check, then the codec. */
    private ClientMessage decodeFrame(String frame) {
        return decoder.decode(frame);
    }

    /**
     * A frame as the endpoint receives it: the container decodes the text frame's UTF-8, so the raw bytes
     * cover every string a client can send (and JSON escapes, lone surrogates included, reach the parser).
     */
    @FuzzTest(maxDuration = "5m")
    void decode(byte[] bytes) {
        String frame = new String(bytes, StandardCharsets.UTF_8);
        ClientMessage message = FUZZING ? decodeFrame(frame)
                : assertTimeoutPreemptively(SEED_TIME_LIMIT, () -> decodeFrame(frame), "decoding did not end");

        assertNotNull(message, "decoded to null");
        assertEquals(frame.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES, message instanceof Oversize,
                "oversize exactly when over the limit in UTF-8 bytes");
        assertEchoableId(message.id());
        if (message instanceof Malformed malformed) {
            assertNotNull(malformed.code(), "a malformed frame needs an error code");
            assertTrue(DECODER_CODES.contains(malformed.code()), () -> "unexpected code " + malformed.code());
            assertNotNull(malformed.reason(), "a malformed frame needs a reason");
        } else {
            assertRequiredFieldsPresent(message);
        }
        assertReplyEncodes(message);
    }

    /** The id comes back as {@code ref}: only a string or a number can. */
    private static void assertEchoableId(Object id) {
        assertTrue(id == null || id instanceof String || id instanceof Number, () -> "id of type " + id.getClass());
    }

    /** What the server relies on after decoding, checked here without the codec's own validation code. */
    private static void assertRequiredFieldsPresent(ClientMessage message) {
        if (message instanceof Signal signal) {
            JsonObject relayed = json(MessageCodec.shared().encode(signal.inRoom("p1", "room")));
            if (signal.type() == SignalType.OFFER || signal.type() == SignalType.ANSWER) {
                assertInstanceOf(JsonString.class, relayed.get("sdp"), "offer or answer without a string sdp");
            }
            assertRequiredCandidate(signal, relayed.get("candidate"));
        } else if (message instanceof Personal personal) {
            assertNotNull(personal.to(), "personal message without to");
        }
    }

    private static void assertRequiredCandidate(Signal signal, JsonValue value) {
        if (signal.type() == SignalType.CANDIDATE) {
            assertNotNull(value, "candidate without its member");
            if (value != JsonValue.NULL) {
                JsonObject object = assertInstanceOf(JsonObject.class, value, "candidate is not an object");
                assertInstanceOf(JsonString.class, object.get("candidate"), "candidate.candidate is not a string");
            }
        }
    }

    /**
     * The server's answer to the message encodes; a relayed signal or personal message, read back, encodes
     * to the same text, so relaying adds nothing and loses nothing.
     */
    private void assertReplyEncodes(ClientMessage message) {
        if (message instanceof Signal signal) {
            assertRelaysUnchanged(signal.inRoom("p1", "room"), readBack -> ((Signal) readBack).inRoom("p1", "room"));
            Sender sender = new Sender("p1", "Alice", 1L);
            assertRelaysUnchanged(signal.direct(sender), readBack -> ((Signal) readBack).direct(sender));
        } else if (message instanceof Personal personal) {
            assertRelaysUnchanged(personal.direct(new Sender("p1", "Alice", 1L)), readBack -> (ServerMessage) readBack);
        } else if (message instanceof Malformed malformed) {
            assertRef(codec.encode(ErrorMessage.of(malformed.code(), malformed.reason(), malformed.id())), message);
        } else if (message instanceof Login login) {
            assertRef(codec.encode(Login.accepted(login.name(), "p1", login.id())), message);
        } else if (message instanceof Create || message instanceof Join || message instanceof CreateOrJoin) {
            assertRef(codec.encode(new Full(null, message.id())), message);
        }
    }

    /** Read back by a server, {@code relayedAgain} as it relays it, the frame is written exactly as before. */
    private void assertRelaysUnchanged(ServerMessage relayed, Function<ClientMessage, ServerMessage> relayedAgain) {
        String sent = codec.encode(relayed);
        if (MessageCodec.refusal(sent) != null) {
            return; // a number written back by BigDecimal (1e5 as 1E+5) may grow past the length limit
        }
        ClientMessage readBack = codec.decode(sent);
        assertEquals(relayed instanceof RelayedSignal, readBack instanceof Signal, () -> sent + " read back as " + readBack);
        assertEquals(sent, codec.encode(relayedAgain.apply(readBack)));
    }

    private static JsonObject json(String frame) {
        try (var reader = Json.createReader(new StringReader(frame))) {
            return reader.readObject();
        }
    }

    /** A reply is one JSON object whose {@code ref} is there exactly when the request had an id. */
    private static void assertRef(String reply, ClientMessage request) {
        JsonObject object;
        try (var reader = Json.createReader(new StringReader(reply))) {
            object = reader.readObject();
        }
        assertEquals(request.id() != null, object.containsKey("ref"), reply);
    }

    /**
     * {@link FrameSize} against the JDK's UTF-8 encoder, at any limit. Jazzer's strings are well-formed
     * UTF-16, as is the text a container decodes from a UTF-8 frame.
     */
    @FuzzTest(maxDuration = "2m")
    void frameSize(FuzzedDataProvider data) {
        int limit = data.consumeInt(0, 3 * 4096);
        String text = data.consumeRemainingAsString();
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length > limit, FrameSize.exceeds(text, limit),
                () -> text.length() + " chars at limit " + limit);
    }
}
