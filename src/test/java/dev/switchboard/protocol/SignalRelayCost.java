package dev.switchboard.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What relaying one signal costs the codec, read this way and the JSON-B way it was read until 8061a86, side by
 * side in one JVM: frames decoded, stamped and encoded, CPU time of this thread per frame, in alternating
 * rounds. Not a test: run it with {@code mvn -q test-compile exec:java}-style tooling, or
 * {@code java -cp target/test-classes:target/classes:<yasson, parsson> dev.switchboard.protocol.SignalRelayCost}.
 * docs/performance.md gives its figures.
 */
public final class SignalRelayCost {

    /** The offer as JSON-B bound it before (the records written by the server had the same fields). */
    @JsonbPropertyOrder({"type", "sdp", "to", "from", "fromName", "room", "ts", "id"})
    public record JsonbOffer(String type, String sdp, String to, String from, String fromName, String room, Long ts,
                             Object id) {
    }

    private static final int FRAMES = 20_000;
    private static final int ROUNDS = 7;

    private SignalRelayCost() {
    }

    public static void main(String[] args) {
        String frame = "{\"type\":\"offer\",\"sdp\":\"" + sdpLike(2500) + "\",\"id\":7}";
        MessageCodec codec = MessageCodec.shared();
        Jsonb jsonb = JsonbBuilder.create();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        System.out.printf("frame of %d characters, %d frames a round%n", frame.length(), FRAMES);
        for (int round = 0; round <= ROUNDS; round++) { // round 0 warms both up and is not reported
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < FRAMES; i++) {
                Signal signal = (Signal) codec.decode(frame);
                sink += codec.encode(signal.inRoom("p1", "room")).length();
            }
            long scanned = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < FRAMES; i++) {
                JsonbSignalReference.scan(frame);
                JsonbOffer offer = jsonb.fromJson(frame, JsonbOffer.class);
                JsonbOffer stamped = new JsonbOffer("offer", offer.sdp(), offer.to(), "p1", null, "room", null, offer.id());
                sink += jsonb.toJson(stamped).length();
            }
            long bound = threads.getCurrentThreadCpuTime();
            if (round > 0) {
                System.out.printf("round %d: one pass %.2f us a frame, JSON-B %.2f us a frame, ratio %.3f%n", round,
                        (scanned - start) / 1e3 / FRAMES, (bound - scanned) / 1e3 / FRAMES,
                        (double) (scanned - start) / (bound - scanned));
            }
        }
        System.out.println("(" + sink + " characters written)");
    }

    /** As the benchmark's padding: SDP-like lines, each ended by a \r\n escape. */
    private static String sdpLike(int length) {
        String[] lines = {"a=candidate:1467250027 1 udp 2122260223 192.168.1.10 46243 typ host generation 0",
                "a=fingerprint:sha-256 49:66:12:17:0D:1C:91:AE:57:4C:C6:98:55:4B:4B:0A:E3:A7:8F:1A",
                "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1", "a=ssrc:3735928559 cname:x"};
        StringBuilder sdp = new StringBuilder(length + 100);
        for (int i = 0; sdp.length() < length; i++) {
            sdp.append(lines[i % lines.length]).append("\\r\\n");
        }
        return sdp.toString();
    }
}
