package dev.switchboard.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * A reproducible corpus of hostile text frames: hand-picked attacks on JSON parsers and on the protocol's
 * schema, then random mutations of valid client messages. Every frame stays under the default size limit
 * (oversize frames close the connection and are tested on their own) and is valid UTF-16, so the JDK
 * client can send it; invalid UTF-8 needs the raw frame writer.
 */
final class HostileInputs {

    private static final int MAX_CHARS = 60_000;

    private static final List<String> VALID = List.of(
            "{\"type\":\"create\",\"room\":\"r1\",\"id\":1}",
            "{\"type\":\"join\",\"room\":\"r1\",\"id\":\"a\"}",
            "{\"type\":\"create-or-join\",\"room\":\"r_2-x\"}",
            "{\"type\":\"leave\"}",
            "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\"}",
            "{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\",\"to\":\"p\"}",
            "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 5 typ host\",\"sdpMid\":\"0\"}}",
            "{\"type\":\"candidate\",\"candidate\":null}",
            "{\"type\":\"bye\"}",
            "{\"type\":\"login\",\"name\":\"alice\"}",
            "{\"type\":\"logout\"}",
            "{\"type\":\"message\",\"to\":\"bob\",\"body\":{\"text\":\"hi\",\"n\":[1,2,true,null]}}",
            "{\"type\":\"invite\",\"to\":\"bob\",\"room\":\"r1\"}",
            "{\"type\":\"decline\",\"to\":\"bob\"}");

    private static final String[] TYPES = {"create", "join", "create-or-join", "leave", "offer", "answer",
        "candidate", "bye", "login", "logout", "message", "invite", "decline", "welcome", "error", "JOIN",
        "join ", "", "__proto__", "constructor", "sync"};

    private static final String[] VALUES = {"null", "true", "false", "0", "-0", "1e999999999", "-1e-999999999",
        "123456789012345678901234567890", "\"\"", "\"x\"", "[]", "{}", "[null]", "{\"candidate\":1}",
        "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"a\\nb\"", "\"../../etc/passwd\"",
        "\"\\u202e\"", "\"" + "r".repeat(65) + "\"", "\"r\u00e9\"", "\"\ud83d\ude00\""};

    private static final String NOISE = "{}[]\":,\\ 0aZ-\u00e9\u20ac\n\t";

    private HostileInputs() {
    }

    /** {@code size} frames (at least the hand-picked ones), the same for the same {@code seed}. */
    static List<String> corpus(int size, long seed) {
        List<String> corpus = new ArrayList<>(handPicked());
        Random random = new Random(seed);
        while (corpus.size() < size) {
            corpus.add(mutate(VALID.get(random.nextInt(VALID.size())), random));
        }
        for (String frame : corpus) {
            if (frame.getBytes(StandardCharsets.UTF_8).length > MAX_CHARS) {
                throw new IllegalStateException("a corpus frame is over the size limit: " + frame.substring(0, 40));
            }
        }
        return corpus;
    }

    private static List<String> handPicked() {
        List<String> frames = new ArrayList<>(List.of("", " ", "null", "true", "0", "\"text\"", "[]", "{}", "{",
                "}", "[", "{\"type\":}", "{\"type\"", "{'type':'join'}", "{type:join}", "\ufeff{\"type\":\"leave\"}",
                "{\"type\":\"leave\"} {\"type\":\"leave\"}", "{\"type\":\"leave\"}garbage", "/* c */{\"type\":\"leave\"}",
                "{\"type\":\"create\",\"type\":\"join\",\"room\":\"dup\"}", "{\"room\":\"r\",\"type\":\"join\"}",
                "{\"type\":\"join\",\"room\":\"r\",\"extra\":{\"deep\":[1,2,{\"x\":null}]}}"));
        for (String type : TYPES) {
            frames.add("{\"type\":\"" + type + "\"}");
        }
        for (String value : VALUES) {
            for (String field : List.of("type", "room", "sdp", "candidate", "to", "id", "name", "body")) {
                frames.add(VALID.get(frames.size() % VALID.size())
                        .replaceFirst("\\{", Matcher.quoteReplacement("{\"" + field + "\":" + value + ",")));
            }
        }
        for (int depth : new int[] {10, 100, 1_000, 10_000, 25_000}) {
            frames.add("[".repeat(depth) + "]".repeat(depth));
            frames.add("[".repeat(depth)); // never closed
            frames.add("{\"type\":\"message\",\"to\":\"x\",\"body\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        }
        frames.add("{\"a\":".repeat(9_000) + "1" + "}".repeat(9_000));
        frames.add("{\"type\":\"create\",\"id\":" + "9".repeat(50_000) + "}");
        frames.add("{\"type\":\"offer\",\"sdp\":\"" + "v".repeat(MAX_CHARS - 40) + "\"}");
        frames.add(collidingKeys(1_500));
        return frames;
    }

    /** An object whose keys all share one String hash code ("Aa" and "BB" collide), against hash-flooding. */
    private static String collidingKeys(int count) {
        StringBuilder json = new StringBuilder("{\"type\":\"leave\"");
        for (int i = 0; i < count; i++) {
            StringBuilder key = new StringBuilder();
            for (int bit = 0; bit < 12; bit++) {
                key.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            json.append(",\"").append(key).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    private static String mutate(String frame, Random random) {
        String mutated = frame;
        for (int step = 0, steps = 1 + random.nextInt(3); step < steps; step++) {
            mutated = mutateOnce(mutated, random);
        }
        return wellFormed(mutated.length() > MAX_CHARS ? mutated.substring(0, MAX_CHARS) : mutated);
    }

    /** Replaces surrogates a cut left unpaired: the JDK client refuses to encode them. */
    private static String wellFormed(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return out.toString();
    }

    private static String mutateOnce(String frame, Random random) {
        int at = frame.isEmpty() ? 0 : random.nextInt(frame.length());
        return switch (random.nextInt(7)) {
            case 0 -> frame.substring(0, at); // truncated
            case 1 -> frame.isEmpty() ? frame : frame.substring(0, at) + frame.substring(at + 1); // a char dropped
            case 2 -> frame.substring(0, at) + NOISE.charAt(random.nextInt(NOISE.length())) + frame.substring(at);
            case 3 -> frame.replaceFirst(":\"[^\"]*\"",
                    Matcher.quoteReplacement(":" + VALUES[random.nextInt(VALUES.length)])); // a value swapped
            case 4 -> frame.replaceFirst("\"type\":\"[^\"]*\"",
                    Matcher.quoteReplacement("\"type\":\"" + TYPES[random.nextInt(TYPES.length)] + "\""));
            case 5 -> "[" + frame + "]";
            default -> frame + frame.substring(at); // a tail repeated
        };
    }
}
