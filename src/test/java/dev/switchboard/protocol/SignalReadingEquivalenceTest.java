package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.protocol.JsonbSignalReference.NotASignal;
import dev.switchboard.protocol.JsonbSignalReference.Outcome;
import dev.switchboard.protocol.JsonbSignalReference.Refused;
import dev.switchboard.protocol.JsonbSignalReference.Relayed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Signals are read from one pass over the frame and relayed as their sender wrote them; until 8061a86 they were
 * bound by JSON-B and written again. Over the fuzz seeds and a large seeded set of made-up frames, the two
 * readings agree: the same frames are refused with the same code and ref, and what is relayed reads as the same
 * JSON, to the same peer, with the same id.
 */
class SignalReadingEquivalenceTest {

    private static final int MADE_UP_FRAMES = 15_000;

    private final MessageCodec codec = MessageCodec.shared();
    private final JsonbSignalReference reference = new JsonbSignalReference();

    @Test
    void theFuzzSeedsAreReadAsJsonBReadThem() throws IOException, URISyntaxException {
        Path seeds = Path.of(getClass().getResource("MessageCodecFuzzTestInputs/decode").toURI());
        List<Path> files;
        try (Stream<Path> listed = Files.list(seeds)) {
            files = listed.toList();
        }
        assertTrue(files.size() > 50, "seeds found: " + files.size());
        for (Path file : files) {
            assertSameReading(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        }
    }

    @Test
    void madeUpSignalFramesAreReadAsJsonBReadThem() {
        Random random = new Random(20261203L);
        int signals = 0;
        for (int i = 0; i < MADE_UP_FRAMES; i++) {
            String frame = MadeUpFrames.next(random);
            if (assertSameReading(frame) instanceof Relayed) {
                signals++;
            }
        }
        // The set must reach both sides: frames relayed and frames refused.
        assertTrue(signals > MADE_UP_FRAMES / 10 && signals < MADE_UP_FRAMES * 9 / 10, "relayed: " + signals);
    }

    private Outcome assertSameReading(String frame) {
        assertEquals(JsonbSignalReference.scan(frame)[1] != null, FrameScan.of(frame).refusal() != null,
                () -> "refused by one scan only: " + frame);
        if (JsonbSignalReference.scan(frame)[1] == null) {
            assertEquals(JsonbSignalReference.scan(frame)[0], FrameScan.of(frame).type(), () -> "type of " + frame);
        }
        Outcome expected = reference.read(frame, "p1", "room");
        ClientMessage actual = codec.decode(frame);
        if (expected instanceof NotASignal) {
            assertTrue(!(actual instanceof Signal), () -> "read as a signal: " + frame);
        } else if (expected instanceof Refused refused) {
            Malformed malformed = assertInstanceOf(Malformed.class, actual, () -> "not refused: " + frame);
            assertEquals(refused.code(), malformed.code(), () -> "code for " + frame);
            assertSameId(refused.ref(), malformed.id(), frame);
        } else if (expected instanceof Relayed relayed) {
            Signal signal = assertInstanceOf(Signal.class, actual, () -> "not relayed: " + frame + " -> " + actual);
            assertEquals(relayed.to(), signal.to(), () -> "to of " + frame);
            assertSameId(relayed.id(), signal.id(), frame);
            String sent = codec.encode(signal.inRoom("p1", "room"));
            assertEquals(relayed.frame(), json(sent), () -> frame + " relayed as " + sent);
        }
        return expected;
    }

    private static void assertSameId(Object expected, Object actual, String frame) {
        boolean same = expected instanceof BigDecimal a && actual instanceof BigDecimal b
                ? a.compareTo(b) == 0 : Objects.equals(expected, actual);
        if (!same) {
            fail("id " + expected + " read as " + actual + " in " + frame);
        }
    }

    private static JsonObject json(String frame) {
        try (var reader = Json.createReader(new StringReader(frame))) {
            return reader.readObject();
        }
    }

    /** Signal frames with members of every kind, in any order, written twice, and broken now and then. */
    private static final class MadeUpFrames {

        private static final String[] TYPES = {"\"offer\"", "\"answer\"", "\"candidate\"", "\"bye\"", "\"join\"", "5"};
        private static final String[] NAMES = {"type", "sdp", "candidate", "to", "id", "from", "room", "fromName",
                "ts", "extra", "s\\u0064p", "t\\u006f"};
        private static final String[] VALUES = {"null", "true", "false", "0", "7", "-12.5e3", "1E+2", "5.0",
                "9007199254740991", "9007199254740993", "1e400", "\"\"", "\"p2\"", "\"v=0\\r\\no=- 1 2 IN IP4 0.0.0.0\\r\\n\"",
                "\"\\u0041\\/\\\"\\\\\"", "\"\\ud800\"", "\"\u00e9\u4e2d\"", "{}", "[]", "[1,{\"a\":[]}]",
                "{\"candidate\":\"candidate:1 1 udp 1 1.2.3.4 5 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}",
                "{\"candidate\":5}", "{\"sdpMid\":\"0\"}", "{\"candidate\":\"a\",\"candidate\":null}",
                "{\"candidate\":null,\"candidate\":\"b\"}", "\"" + "x".repeat(130) + "\""};
        private static final String BREAKERS = "{}[]\",:\\ 0aeu-.\n";

        static String next(Random random) {
            List<String> members = new ArrayList<>();
            members.add("\"type\":" + TYPES[random.nextInt(TYPES.length)]);
            int count = random.nextInt(6);
            for (int i = 0; i < count; i++) {
                String name = NAMES[random.nextInt(NAMES.length)];
                members.add(random.nextInt(members.size() + 1), "\"" + name + "\":" + VALUES[random.nextInt(VALUES.length)]);
            }
            String space = random.nextInt(4) == 0 ? " \n\t" : "";
            StringBuilder frame = new StringBuilder(space).append('{').append(String.join("," + space, members))
                    .append('}').append(space);
            int breaks = random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 0;
            for (int i = 0; i < breaks; i++) {
                int at = random.nextInt(frame.length() + 1);
                if (random.nextBoolean() && at < frame.length()) {
                    frame.deleteCharAt(at);
                } else {
                    frame.insert(at, BREAKERS.charAt(random.nextInt(BREAKERS.length())));
                }
            }
            return frame.toString();
        }
    }
}
