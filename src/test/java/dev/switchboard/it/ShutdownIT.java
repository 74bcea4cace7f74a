package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Black-box, on a server stopped with SIGTERM (as Kubernetes and container runtimes stop it) while two
 * peers in a room are busy: readiness goes DOWN first, new connections are turned away with 1001, the
 * open ones carry on for {@code switchboard.shutdown.delay-ms}, then every message the server accepted is
 * delivered before each client gets close 1001, and every message it did not accept is refused with error
 * {@code shutting-down}: nothing is dropped without its sender knowing.
 */
class ShutdownIT {

    private static final long DELAY_MS = 2000;
    /** Offers for the stalled receiver: 17 MB, more than a loopback socket pair buffers, within the burst limit. */
    private static final int BULK = 350;
    private static final String BULK_SDP = "x".repeat(50_000);

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("shutdownIT", Map.of(
            "SWITCHBOARD_SHUTDOWN_DELAY_MS", String.valueOf(DELAY_MS),
            "SWITCHBOARD_SHUTDOWN_DRAIN_MS", "20000",
            // the frozen receiver must not be cut off as a slow consumer before the drain reaches it
            "SWITCHBOARD_SESSION_SEND_TIMEOUT_MS", "60000",
            "SWITCHBOARD_SESSION_MAX_QUEUED_MESSAGES", "10000",
            "SWITCHBOARD_SESSION_MAX_QUEUED_BYTES", "104857600")); // the stalled receiver holds ~17 MB

    @Test
    void onSigtermReadinessGoesDownThenEveryClientGetsWhatWasAcceptedAndClose1001() throws Exception {
        try (TestPeer bulkSender = TestPeer.connect(server.server()); TestPeer stalled = TestPeer.connect(server.server());
             TestPeer sender = TestPeer.connect(server.server()); TestPeer receiver = TestPeer.connect(server.server())) {
            // Room 1: a receiver that stopped reading, with more waiting for it than its socket holds, so the
            // rest waits in its outbox, which the drain must still deliver before closing.
            TestPeer.meet(bulkSender, stalled, ServerUnderTest.uniqueRoom());
            stalled.freeze();
            for (int id = 1; id <= BULK; id++) {
                bulkSender.send(offer(id, BULK_SDP));
            }
            // Room 2: small offers all along, before and during the drain.
            TestPeer.meet(sender, receiver, ServerUnderTest.uniqueRoom());
            Stream stream = new Stream(sender);
            stream.start();
            await(() -> stream.sent() >= 50, "the sender got going");

            ProcessHandle jvm = server.server().terminate();
            await(ShutdownIT::notReady, "readiness DOWN with stopping=true");
            int sentBeforeNotReady = stream.sent();
            JsonObject live = health("/health/live");
            assertEquals("UP", live.getString("status"), live.toString());
            assertEquals(1001, TestPeer.closeCodeOfNewConnection(server.webSocketUri("/signal")),
                    "a connection opened while the server drains");

            assertEquals(1001, sender.closeCode(), "the sender's close");
            assertEquals(1001, receiver.closeCode(), "the receiver's close");
            assertEquals(1001, bulkSender.closeCode(), "the bulk sender's close");
            stream.join();
            stalled.thaw();
            assertEquals(1001, stalled.closeCode(), "the stalled receiver's close, once it reads again");

            assertEquals(sequence(1, BULK), ids(stalled.takeAll(), "offer", "id"),
                    "everything queued for the stalled receiver, in order");
            List<Integer> delivered = ids(receiver.takeAll(), "offer", "id");
            List<Integer> refused = ids(sender.takeAll(), "error", "ref");
            int accepted = delivered.size();
            assertEquals(sequence(1, accepted), delivered, "offers delivered: every one accepted, in order");
            assertEquals(sequence(accepted + 1, refused.size()), refused,
                    "offers refused with shutting-down: every one after the last accepted");
            assertTrue(accepted > sentBeforeNotReady, "the connections carried on while the server was not ready: "
                    + accepted + " delivered, " + sentBeforeNotReady + " sent before readiness went down");
            Figures.record("ShutdownIT", "SIGTERM while streaming: offers sent / delivered in order / refused with shutting-down",
                    stream.sent() + " / " + accepted + " / " + refused.size());

            jvm.onExit().get(60, TimeUnit.SECONDS);
        }
    }

    private static String offer(int id, String sdp) {
        return Json.createObjectBuilder().add("type", "offer").add("sdp", sdp).add("id", id).build().toString();
    }

    /** The sender's small offers, numbered 1, 2, ... in {@code id}, about 100 a second, until its connection closes. */
    private static final class Stream extends Thread {
        private final TestPeer peer;
        private final AtomicInteger sent = new AtomicInteger();

        Stream(TestPeer peer) {
            super("offer-stream");
            this.peer = peer;
            setDaemon(true);
        }

        @Override
        public void run() {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int id = 1; !peer.isClosed() && System.nanoTime() < end; id++) {
                peer.sendIfOpen(offer(id, "v=0"));
                sent.set(id);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // pacing, within the rate limit
            }
        }

        int sent() {
            return sent.get();
        }
    }

    private static boolean notReady() {
        try {
            HttpResponse<String> response = ServerUnderTest.get(server.managementUri("/health/ready"));
            JsonObject health = json(response.body());
            JsonObject data = health.getJsonArray("checks").getJsonObject(0).getJsonObject("data");
            return response.statusCode() == 503 && "DOWN".equals(health.getString("status")) && data.getBoolean("stopping");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("readiness unreachable while the server drains", e);
        }
    }

    private static JsonObject health(String path) throws IOException, InterruptedException {
        return json(ServerUnderTest.get(server.managementUri(path)).body());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** The numbers in {@code field} of the frames of {@code type}; other frames (peer-left) are skipped. */
    private static List<Integer> ids(List<JsonObject> frames, String type, String field) {
        List<Integer> ids = new ArrayList<>();
        for (JsonObject frame : frames) {
            if (type.equals(frame.getString("type", null))) {
                if ("error".equals(type)) {
                    assertEquals("shutting-down", frame.getString("code"), frame::toString);
                }
                ids.add(frame.getInt(field));
            }
        }
        return ids;
    }

    private static List<Integer> sequence(int first, int count) {
        List<Integer> sequence = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sequence.add(first + i);
        }
        return sequence;
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(10)).until(condition::getAsBoolean);
    }
}
