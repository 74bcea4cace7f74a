package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.directory.InMemoryDirectory;
import dev.switchboard.protocol.CreateOrJoin;
import dev.switchboard.protocol.Created;
import dev.switchboard.protocol.Joined;
import dev.switchboard.protocol.Leave;
import dev.switchboard.protocol.PeerJoined;
import dev.switchboard.protocol.PeerLeft;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.protocol.Signals;
import dev.switchboard.room.InMemoryRoomRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each peer is told stays consistent when peers of one room act at the same time. */
class SignalingOrderTest {

    private static final int RACES = 1_000;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private void race(Runnable... actions) throws Exception {
        CyclicBarrier start = new CyclicBarrier(actions.length);
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable action : actions) {
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                action.run();
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPeerHearsItEnteredBeforeItHearsAnyoneElseEnter() throws Exception {
        for (int i = 0; i < RACES; i++) {
            RecordingDelivery inboxes = new RecordingDelivery();
            SignalingService signaling = signalingFor(new InMemoryRoomRegistry(3, Integer.MAX_VALUE), inboxes);
            race(() -> signaling.handle("a", new CreateOrJoin("r", null)),
                    () -> signaling.handle("b", new CreateOrJoin("r", null)),
                    () -> signaling.handle("c", new CreateOrJoin("r", null)));
            for (String peer : List.of("a", "b", "c")) {
                List<ServerMessage> told = inboxes.of(peer);
                ServerMessage first = told.get(0);
                assertTrue(first instanceof Created || first instanceof Joined, "race " + i + ": " + peer + " got " + told);
            }
        }
    }

    @Test
    void aJoinerThatSeesAMemberAlsoHearsThatMemberLeave() throws Exception {
        for (int i = 0; i < RACES; i++) {
            RecordingDelivery inboxes = new RecordingDelivery();
            SignalingService signaling = signalingFor(new InMemoryRoomRegistry(2, Integer.MAX_VALUE), inboxes);
            signaling.handle("a", new CreateOrJoin("r", null));
            signaling.handle("x", new CreateOrJoin("r", null)); // keeps the room alive while a leaves
            signaling.handle("x", new Leave(null));
            race(() -> signaling.handle("a", new Leave(null)),
                    () -> signaling.handle("b", new CreateOrJoin("r", null)));
            Set<String> present = new HashSet<>();
            for (ServerMessage message : inboxes.of("b")) {
                if (message instanceof Joined joined) {
                    present.addAll(joined.peers());
                } else if (message instanceof PeerLeft left) {
                    assertTrue(present.remove(left.peerId()), "race " + i + ": peer-left for a peer b never saw");
                } else if (message instanceof PeerJoined joined) {
                    present.add(joined.peerId());
                }
            }
            assertEquals(Set.of(), present, "race " + i + ": b still believes in " + present + ", got " + inboxes.of("b"));
        }
    }

    @Test
    void noSignalArrivesAfterItsSendersPeerLeft() throws Exception {
        for (int i = 0; i < RACES; i++) {
            RecordingDelivery inboxes = new RecordingDelivery();
            SignalingService signaling = signalingFor(new InMemoryRoomRegistry(2, Integer.MAX_VALUE), inboxes);
            signaling.handle("a", new CreateOrJoin("r", null));
            signaling.handle("b", new CreateOrJoin("r", null));
            race(() -> {
                for (int n = 0; n < 5; n++) {
                    signaling.handle("a", Signals.offer("v=" + n));
                }
            }, () -> signaling.disconnected("a"));
            List<ServerMessage> told = inboxes.of("b");
            int left = told.indexOf(new PeerLeft("r", "a", PeerLeft.DISCONNECTED));
            assertTrue(left >= 0, "race " + i + ": b never heard a leave");
            assertEquals(left, told.size() - 1, "race " + i + ": b got " + told);
        }
    }

    private static SignalingService signalingFor(InMemoryRoomRegistry registry, Delivery delivery) {
        return new SignalingService(registry, delivery,
                new DirectoryService(new InMemoryDirectory(100), registry, delivery, true, Clock.systemUTC()));
    }
}
