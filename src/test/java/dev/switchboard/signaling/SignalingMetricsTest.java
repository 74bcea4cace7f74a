package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.directory.InMemoryDirectory;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.protocol.Create;
import dev.switchboard.protocol.DirectMessage;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.Join;
import dev.switchboard.protocol.Login;
import dev.switchboard.protocol.Malformed;
import dev.switchboard.protocol.MessageCodec;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.protocol.Signals;
import dev.switchboard.room.InMemoryRoomRegistry;
import jakarta.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the signaling and directory decisions report for the metrics, without a container. */
class SignalingMetricsTest {

    /** The reports, as text: "relayed offer", "rejected not-in-room", "full", "empty", "entry". */
    private static final class RecordingMetrics implements SignalingMetrics {
        final List<String> reports = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void relayed(ServerMessage message) {
            reports.add("relayed " + MessageCodec.typeOf(message));
        }

        @Override
        public void rejected(ErrorCode code) {
            reports.add("rejected " + code.wireName());
        }

        @Override
        public void roomFull() {
            reports.add("full");
        }

        @Override
        public void roomEmpty() {
            reports.add("empty");
        }

        @Override
        public void entryDecided(long nanos) {
            reports.add(nanos >= 0 ? "entry" : "negative time " + nanos);
        }

        List<String> take() {
            List<String> taken = List.copyOf(reports);
            reports.clear();
            return taken;
        }
    }

    private final RecordingMetrics metrics = new RecordingMetrics();
    private final RecordingDelivery inboxes = new RecordingDelivery();
    private final InMemoryRoomRegistry registry = new InMemoryRoomRegistry(3, Integer.MAX_VALUE);
    private final DirectoryService directory = new DirectoryService(new InMemoryDirectory(100), registry, inboxes,
            true, Clock.systemUTC(), metrics);
    private final SignalingService signaling = new SignalingService(registry, inboxes, directory, metrics);

    private void threeInRoom() {
        signaling.handle("a", new Create("r", null));
        signaling.handle("b", new Join("r", null));
        signaling.handle("c", new Join("r", null));
        metrics.take();
        List.of("a", "b", "c").forEach(inboxes::take);
    }

    @Test
    void aSignalToTheWholeRoomCountsOnceHoweverManyReceiveIt() {
        threeInRoom();
        signaling.handle("a", Signals.offer("v=0"));
        assertEquals(List.of("relayed offer"), metrics.take());
        assertEquals(1, inboxes.take("b").size());
        assertEquals(1, inboxes.take("c").size());
    }

    @Test
    void aSignalAddressedToOneMemberCountsOnce() {
        threeInRoom();
        signaling.handle("a", Signals.bye("c", null));
        assertEquals(List.of("relayed bye"), metrics.take());
    }

    @Test
    void aSignalThatIsRefusedCountsAsRejectedNotRelayed() {
        signaling.handle("a", Signals.offer("v=0"));
        assertEquals(List.of("rejected not-in-room"), metrics.take());
        threeInRoom();
        signaling.handle("a", Signals.offer("v=0", "nobody", null));
        assertEquals(List.of("rejected unknown-peer"), metrics.take());
    }

    @Test
    void everyEntryIsTimedWhateverItsOutcome() {
        signaling.handle("a", new Create("r", null));
        signaling.handle("b", new Create("r", null));
        signaling.handle("b", new Join("no-such-room", null));
        signaling.handle("b", new Join("bad/name", null));
        assertEquals(List.of("entry", "rejected room-exists", "entry", "empty", "entry", "rejected invalid-room",
                "entry"), metrics.take());
    }

    @Test
    void aFullRoomCountsAsFull() {
        threeInRoom();
        signaling.handle("d", new Join("r", null));
        assertEquals(List.of("full", "entry"), metrics.take());
    }

    @Test
    void aMalformedFrameCountsByItsErrorCode() {
        signaling.handle("a", new Malformed(ErrorCode.BAD_JSON, "not JSON", null));
        assertEquals(List.of("rejected bad-json"), metrics.take());
    }

    @Test
    void aDirectMessageCountsOnceDeliveredAndAsRejectedWhenNobodyHasThatName() {
        directory.login("a", new Login("Ann", null, null, null, null));
        directory.login("b", new Login("Bob", null, null, null, null));
        metrics.take();
        directory.send("a", new DirectMessage(Json.createValue("hi"), "Bob", null, null, null, null));
        directory.send("a", new DirectMessage(Json.createValue("hi"), "Nobody", null, null, null, null));
        assertEquals(List.of("relayed message", "rejected unknown-peer"), metrics.take());
    }
}
