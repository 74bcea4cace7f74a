package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.admission.RateLimiter;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.Outbox;
import dev.switchboard.protocol.ErrorCode;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attacks a running server, black-box, and then checks its invariants: every hostile frame gets a clear
 * answer and never a stack trace, a victim room beside the attack keeps relaying in order, no message
 * reaches a peer outside its sender's room or under a forged sender, and afterwards the server holds no
 * room and no connection. The server's rate limits are lifted so the attacks reach the code behind them
 * (the limits themselves are tested in {@link RateLimitIT}); rooms hold 12 so many peers can share one.
 * Figures go to target/reliability for docs/reliability.md.
 */
class AdversarialIT {

    private static final String UNLIMITED = "100000000";

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("adversarialIT", Map.of(
            "SWITCHBOARD_ROOM_CAPACITY", "12",
            "SWITCHBOARD_RATE_MESSAGES_PER_SECOND", UNLIMITED,
            "SWITCHBOARD_RATE_MESSAGE_BURST", UNLIMITED,
            "SWITCHBOARD_RATE_ENTRIES_PER_SECOND", UNLIMITED,
            "SWITCHBOARD_RATE_ENTRY_BURST", UNLIMITED,
            "SWITCHBOARD_SESSION_MAX_QUEUED_MESSAGES", UNLIMITED,
            "SWITCHBOARD_SESSION_MAX_QUEUED_BYTES", UNLIMITED));

    private static final Set<String> REPLY_TYPES = Set.of("error", "created", "joined", "full", "empty", "login",
            "presence");
    private static final Set<String> ERROR_CODES = Arrays.stream(ErrorCode.values())
            .map(ErrorCode::wireName).collect(Collectors.toSet());

    @AfterEach
    void nothingLeaks() {
        ServerUnderTest.awaitConnections(server.server(), 0);
        ServerUnderTest.awaitNoRooms(server.server());
    }

    private static URI signal() {
        return server.webSocketUri("/signal");
    }

    /** Two peers in a room of their own, to show an attack beside them does not disturb them. */
    private static final class VictimRoom implements AutoCloseable {
        private final TestPeer a = TestPeer.connect(signal());
        private final TestPeer b = TestPeer.connect(signal());
        private int sent;

        VictimRoom() {
            TestPeer.meet(a, b, ServerUnderTest.uniqueRoom());
        }

        /** A sends {@code count} offers; B must receive each, in order, from A. */
        void assertRelays(int count) {
            for (int i = 0; i < count; i++) {
                a.send("{\"type\":\"offer\",\"sdp\":\"victim " + ++sent + "\"}");
            }
            for (int i = count - 1; i >= 0; i--) {
                JsonObject offer = b.next("offer");
                assertEquals("victim " + (sent - i), offer.getString("sdp"));
                assertEquals(a.peerId(), offer.getString("from"));
            }
        }

        @Override
        public void close() {
            a.close();
            b.close();
        }
    }

    @Test
    void everyHostileFrameGetsAClearAnswerAndTheVictimRoomCarriesOn() {
        List<String> corpus = HostileInputs.corpus(5_000, 20261121L);
        int answers = 0;
        Map<String, Integer> codes = new HashMap<>();
        try (VictimRoom victims = new VictimRoom(); TestPeer attacker = TestPeer.connect(signal())) {
            for (int i = 0; i < corpus.size(); i++) {
                attacker.send(corpus.get(i));
                if (i % 500 == 499) {
                    answers += checkAnswers(attacker.syncCollecting(), codes);
                    victims.assertRelays(5);
                }
            }
            answers += checkAnswers(attacker.syncCollecting(), codes);
            assertFalse(attacker.isClosed(), "hostile JSON closed the connection");
            victims.assertRelays(5);
        }
        assertTrue(answers <= corpus.size(), "more answers than frames");
        Figures.record("AdversarialIT", "hostile frames sent (hand-picked + mutated)", corpus.size());
        Figures.record("AdversarialIT", "answers to them, by error code", new java.util.TreeMap<>(codes));
        Figures.record("AdversarialIT", "internal errors, stack traces, closed connections", 0);
    }

    /** Checks each answer is a documented reply and returns how many there were. */
    private static int checkAnswers(List<JsonObject> answers, Map<String, Integer> codes) {
        for (JsonObject answer : answers) {
            String type = answer.getString("type", null);
            assertTrue(REPLY_TYPES.contains(type), () -> "unexpected answer " + answer);
            if ("error".equals(type)) {
                String code = answer.getString("code");
                assertTrue(ERROR_CODES.contains(code), () -> "undocumented error " + answer);
                assertNotEquals(ErrorCode.INTERNAL.wireName(), code, () -> "the server failed: " + answer);
                String text = answer.getString("message");
                assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains(".java"),
                        () -> "internals leaked: " + answer);
                codes.merge(code, 1, Integer::sum);
            } else {
                codes.merge(type, 1, Integer::sum);
            }
        }
        return answers.size();
    }

    @Test
    void signalsNeverCrossIntoAnotherRoomNorCarryAForgedSender() {
        int rooms = 10;
        int perPeer = 30;
        List<TestPeer[]> pairs = new ArrayList<>();
        try {
            for (int r = 0; r < rooms; r++) {
                TestPeer[] pair = {TestPeer.connect(signal()), TestPeer.connect(signal())};
                TestPeer.meet(pair[0], pair[1], "cross-" + r + "-" + ServerUnderTest.uniqueRoom());
                pairs.add(pair);
            }
            int refused = 0;
            for (int i = 0; i < perPeer; i++) {
                for (int r = 0; r < rooms; r++) {
                    TestPeer[] other = pairs.get((r + 1) % rooms);
                    for (TestPeer sender : pairs.get(r)) {
                        // A forged sender and room, which the server must overwrite ...
                        sender.send("{\"type\":\"offer\",\"sdp\":\"" + i + "\",\"from\":\"" + other[0].peerId()
                                + "\",\"room\":\"elsewhere\"}");
                        // ... and a peer of another room as the addressee, which it must refuse.
                        sender.send("{\"type\":\"candidate\",\"candidate\":null,\"to\":\"" + other[1].peerId() + "\"}");
                        refused++;
                    }
                }
            }
            // Once every peer's sync is answered, every signal has been handled and queued to its receiver,
            // so a second sync per peer collects the rest.
            Map<TestPeer, List<JsonObject>> inboxes = new HashMap<>();
            for (int pass = 0; pass < 2; pass++) {
                pairs.stream().flatMap(Arrays::stream).forEach(peer ->
                        inboxes.computeIfAbsent(peer, p -> new ArrayList<>()).addAll(peer.syncCollecting()));
            }
            int delivered = 0;
            for (TestPeer[] pair : pairs) {
                for (int side = 0; side < 2; side++) {
                    TestPeer receiver = pair[side];
                    TestPeer mate = pair[1 - side];
                    String room = null;
                    int expected = 0;
                    for (JsonObject message : inboxes.get(receiver)) {
                        if ("error".equals(message.getString("type"))) {
                            assertEquals("unknown-peer", message.getString("code"));
                            continue;
                        }
                        assertEquals("offer", message.getString("type"), () -> "stray " + message);
                        assertEquals(mate.peerId(), message.getString("from"), "forged or foreign sender");
                        room = room == null ? message.getString("room") : room;
                        assertEquals(room, message.getString("room"), "a message from another room");
                        assertTrue(room.startsWith("cross-"), "the forged room name was kept");
                        assertEquals(String.valueOf(expected++), message.getString("sdp"), "order");
                        delivered++;
                    }
                    assertEquals(perPeer, expected, "offers from the mate");
                }
            }
            Figures.record("AdversarialIT", "signals with a forged sender and room, delivered (all checked)", delivered);
            Figures.record("AdversarialIT", "signals addressed into another room, refused", refused);
            Figures.record("AdversarialIT", "misrouted or forged deliveries", 0);
        } finally {
            pairs.forEach(pair -> Arrays.stream(pair).forEach(TestPeer::close));
        }
    }

    @Test
    void manyPeersSendingToOneReceiverAtOnceKeepEachSendersOrder() throws Exception {
        int senders = 11;
        int perSender = 500;
        String room = ServerUnderTest.uniqueRoom();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<TestPeer> peers = new ArrayList<>();
        try {
            TestPeer receiver = TestPeer.connect(signal());
            peers.add(receiver);
            receiver.request("create", room);
            receiver.next("created");
            for (int s = 0; s < senders; s++) {
                TestPeer sender = TestPeer.connect(signal());
                peers.add(sender);
                sender.request("join", room);
                sender.next("joined");
            }
            for (int s = 0; s < senders; s++) {
                receiver.next("peer-joined");
            }
            List<Future<?>> sending = new ArrayList<>();
            for (TestPeer sender : peers.subList(1, peers.size())) {
                sending.add(pool.submit(() -> {
                    for (int i = 0; i < perSender; i++) {
                        sender.send("{\"type\":\"offer\",\"to\":\"" + receiver.peerId() + "\",\"sdp\":\"" + i + "\"}");
                    }
                    return null;
                }));
            }
            for (Future<?> done : sending) {
                done.get(60, TimeUnit.SECONDS);
            }
            Map<String, Integer> next = new HashMap<>();
            for (int n = 0; n < senders * perSender; n++) {
                JsonObject offer = receiver.next("offer");
                int expected = next.merge(offer.getString("from"), 1, Integer::sum) - 1;
                assertEquals(String.valueOf(expected), offer.getString("sdp"), "order of " + offer.getString("from"));
            }
            assertEquals(senders, next.size());
            receiver.sync();
            String log = server.server().log();
            assertFalse(log.contains("IllegalStateException"), "a send failed on the server");
            Figures.record("AdversarialIT", "concurrent senders to one receiver x messages each", senders + " x " + perSender);
            Figures.record("AdversarialIT", "messages lost or out of order; send exceptions", 0);
            Figures.record("AdversarialIT", "deepest outbound queue seen (queue-peak)",
                    ServerUnderTest.signalingData(server.httpUri("/health/ready")).getJsonNumber("queue-peak"));
        } finally {
            pool.shutdownNow();
            peers.forEach(TestPeer::close);
        }
    }

    @Test
    void tenThousandJoinThenCloseCyclesLeaveNoRoomNoSessionAndAFlatHeap() throws Exception {
        JvmProbe jvm = new JvmProbe(server.server().pid());
        int threads = 8;
        churn(1_000, threads);
        ServerUnderTest.awaitConnections(server.server(), 0);
        long heapBefore = jvm.heapUsedAfterGcKiB();
        Map<String, long[]> classesBefore = jvm.liveBytesByClass();
        churn(9_000, threads);
        ServerUnderTest.awaitConnections(server.server(), 0);
        ServerUnderTest.awaitNoRooms(server.server());
        long heapAfter = jvm.heapUsedAfterGcKiB();
        Map<String, long[]> classesAfter = jvm.liveBytesByClass();
        for (String kept : List.of("dev.switchboard.connection.Connection", "dev.switchboard.connection.Outbox",
                "dev.switchboard.admission.RateLimiter", "dev.switchboard.room.Room")) {
            assertEquals(0, JvmProbe.instances(classesAfter, kept), kept + " instances left after every connection closed");
        }
        long growthKiB = heapAfter - heapBefore;
        // 9,000 leaked connections of even 1 KiB each would be 9,000 KiB; allow for GC noise well below that.
        assertTrue(growthKiB < 4_096, () -> "heap grew by " + growthKiB + " KiB over 9,000 cycles; most: "
                + JvmProbe.growth(classesBefore, classesAfter, 12));
        Figures.record("AdversarialIT", "join-then-close cycles (half closed, half dropped)", 10_000);
        Figures.record("AdversarialIT", "live heap after full GC, after 1,000 / 10,000 cycles",
                heapBefore + " KiB / " + heapAfter + " KiB");
        Figures.record("AdversarialIT", "Connection, Outbox, RateLimiter, Room instances left", 0);
    }

    /** {@code cycles} connections, each entering a room of its own and then closing or dropping its socket. */
    private static void churn(int cycles, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> workers = IntStream.range(0, threads).mapToObj(t -> pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < cycles; n = next.getAndIncrement()) {
                    TestPeer peer = TestPeer.connect(server.webSocketUri("/rooms/churn-" + t + "-" + n));
                    peer.next("created");
                    if (n % 2 == 0) {
                        peer.close();
                    } else {
                        peer.abort();
                    }
                }
                return null;
            })).collect(Collectors.toList());
            for (Future<?> worker : workers) {
                worker.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        if (next.get() < cycles) {
            fail("churn stopped early");
        }
    }
}
