package dev.switchboard.conformance;

import static dev.switchboard.conformance.Checks.require;
import static dev.switchboard.conformance.Frames.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/** Order under concurrent senders, and atomic entry into a room that many race for. */
final class ConcurrencyChecks {

    /**
     * Messages each sender sends: well inside a connection's default burst (400) and the receiver's queue
     * (1024 messages), so that no rate limit or slow-consumer rule can take part.
     */
    static final int SEQUENCE = 100;
    static final int SENDERS = 4;
    /** Clients racing for one room beyond its capacity. */
    static final int EXTRA_RACERS = 4;

    private ConcurrencyChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("ordering-room", ConcurrencyChecks::bothMembersSignalAtOnceAndEachOrderHolds),
                new Check("ordering-concurrent-senders", ConcurrencyChecks::severalSendersToOneReceiverKeepTheirOrder),
                new Check("join-race", ConcurrencyChecks::aRoomRacedForTakesExactlyItsCapacity));
    }

    private static String bothMembersSignalAtOnceAndEachOrderHolds(Session session) throws Exception {
        String room = Session.newRoom();
        List<Peer> pair = session.pair(room);
        Peer a = pair.get(0);
        Peer b = pair.get(1);
        List<Callable<Void>> senders = List.of(
                () -> sendCandidates(a), () -> sendCandidates(b),
                () -> receiveCandidatesInOrder(b, a, room), () -> receiveCandidatesInOrder(a, b, room));
        runTogether(senders);
        return SEQUENCE + " candidates each way at once, each arrived once, in order";
    }

    private static Void sendCandidates(Peer sender) {
        for (int i = 0; i < SEQUENCE; i++) {
            sender.send(message("candidate", "candidate", RelayChecks.candidate(i)));
        }
        return null;
    }

    private static Void receiveCandidatesInOrder(Peer receiver, Peer sender, String room) {
        for (int i = 0; i < SEQUENCE; i++) {
            JsonNode candidate = RelayChecks.expectRelayed(receiver, "candidate", sender, room);
            require(candidate.get("candidate").equals(Frames.JSON.valueToTree(RelayChecks.candidate(i))),
                    receiver.label() + " expected " + sender.label() + "'s candidate " + i + ", got "
                            + Frames.text(candidate.get("candidate"), "candidate"));
        }
        return null;
    }

    private static String severalSendersToOneReceiverKeepTheirOrder(Session session) throws Exception {
        Peer receiver = session.connect("R");
        String receiverName = Session.newName();
        DirectoryChecks.login(receiver, receiverName);
        List<Peer> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Peer sender = session.connect("S" + s);
            DirectoryChecks.login(sender, Session.newName());
            senders.add(sender);
        }
        // the senders' logins reach the receiver as peer-online; read them so that only messages follow
        for (Peer sender : senders) {
            JsonNode online = receiver.expect("peer-online");
            require(sender.peerId().equals(Frames.text(online, "peerId")), "R's peer-online came out of order");
        }
        List<Callable<Void>> work = new ArrayList<>();
        for (Peer sender : senders) {
            work.add(() -> {
                for (int i = 0; i < SEQUENCE; i++) {
                    sender.send(message("message", "to", receiverName, "body", Map.of("seq", i)));
                }
                return null;
            });
        }
        work.add(() -> {
            Map<String, Integer> nextBySender = new HashMap<>();
            for (int n = 0; n < SENDERS * SEQUENCE; n++) {
                JsonNode message = receiver.expect("message");
                String from = Frames.text(message, "from");
                int expected = nextBySender.getOrDefault(from, 0);
                int seq = message.get("body").get("seq").asInt();
                require(seq == expected, "R expected message " + expected + " of " + label(senders, from) + ", got " + seq);
                nextBySender.put(from, expected + 1);
            }
            return null;
        });
        runTogether(work);
        return SENDERS + " senders x " + SEQUENCE + " messages at once: all arrived, each sender's in order";
    }

    private static String label(List<Peer> peers, String peerId) {
        return peers.stream().filter(peer -> peer.peerId().equals(peerId)).map(Peer::label).findFirst().orElse("an unknown sender");
    }

    private static String aRoomRacedForTakesExactlyItsCapacity(Session session) throws Exception {
        int capacity = session.options().capacity();
        String room = Session.newRoom();
        List<Peer> racers = new ArrayList<>();
        for (int i = 0; i < capacity + EXTRA_RACERS; i++) {
            racers.add(session.connect("P" + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> attempts = new ArrayList<>();
        for (Peer racer : racers) {
            attempts.add(() -> {
                start.await();
                racer.send(message("create-or-join", "room", room));
                // the reply: members' peer-joined may come first to a peer that got in early
                while (true) {
                    JsonNode frame = racer.next();
                    String type = Frames.text(frame, "type");
                    if (!"peer-joined".equals(type)) {
                        return Peer.describe(frame);
                    }
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        try {
            List<Future<String>> replies = attempts.stream().map(pool::submit).toList();
            start.countDown();
            Map<String, Integer> counts = new TreeMap<>();
            for (Future<String> reply : replies) {
                counts.merge(result(reply), 1, Integer::sum);
            }
            int created = counts.getOrDefault("created", 0);
            int joined = counts.getOrDefault("joined", 0);
            int full = counts.getOrDefault("full", 0);
            String seen = racers.size() + " racers: " + counts;
            require(created == 1, "expected exactly one created, " + seen);
            require(created + joined == capacity, "expected " + capacity + " in the room, " + seen);
            require(full == racers.size() - capacity, "expected the rest full, " + seen);
            return seen;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the tasks at the same time and waits for all; the first failure is the check's. */
    private static void runTogether(List<? extends Callable<?>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<? extends Future<?>> running = tasks.stream().map(pool::submit).toList();
            for (Future<?> task : running) {
                result(task);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T result(Future<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
