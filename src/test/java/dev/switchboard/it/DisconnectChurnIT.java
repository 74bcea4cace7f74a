package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Black-box: peers that vanish while the server is telling others about them. Each vanishing peer is logged
 * in and in a room, so its departure is announced to its room and to everyone online, some of whom are
 * vanishing too, so the server's writes to them fail while it holds a room's or the directory's lock. A
 * runtime may report such a close on the writing thread (Payara Micro 6's Tyrus does); the server must
 * neither deadlock nor lose a clean-up.
 */
class DisconnectChurnIT {

    private static final int WORKERS = 6;
    private static final int ROUNDS = 100;

    @Test
    void peersVanishingTogetherLeaveNothingBehindAndTheServerKeepsAnswering() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(pool.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        vanishAsAPairInARoom();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        ServerUnderTest.awaitNoRoomsAndNoConnections();
        JsonObject left = ServerUnderTest.registryData();
        Figures.record("DisconnectChurnIT", "pairs logged in and in a room that vanished (close frame + TCP reset), "
                + WORKERS + " workers at once: rooms, logins, connections left", WORKERS * ROUNDS + " pairs: "
                + ServerUnderTest.count(left, "rooms") + ", " + ServerUnderTest.count(left, "logged-in") + ", "
                + ServerUnderTest.count(left, "connections"));
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            a.login("after-" + shortId());
            TestPeer.meet(a, b, uniqueRoom());
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
            assertEquals("v=0", b.next("offer").getString("sdp"));
        }
    }

    /**
     * Two peers log in and meet in a room, then both send a close frame and reset their connections, while
     * the other workers' pairs log in, meet and vanish.
     */
    private static void vanishAsAPairInARoom() {
        RawWebSocket a = RawWebSocket.connect("/signal");
        RawWebSocket b = RawWebSocket.connect("/signal");
        try {
            logIn(a, "a-" + shortId());
            logIn(b, "b-" + shortId());
            String room = uniqueRoom();
            a.sendText(request("create", room));
            nextIgnoringPresence(a, "created");
            b.sendText(request("join", room));
            nextIgnoringPresence(b, "joined");
            nextIgnoringPresence(a, "peer-joined");
        } finally {
            a.reset();
            b.reset();
        }
    }

    private static void logIn(RawWebSocket peer, String name) {
        peer.nextMessage("welcome");
        peer.sendText(Json.createObjectBuilder().add("type", "login").add("name", name).build().toString());
        assertEquals(true, nextIgnoringPresence(peer, "login").getBoolean("ok"));
        nextIgnoringPresence(peer, "presence");
    }

    private static String request(String type, String room) {
        return Json.createObjectBuilder().add("type", type).add("room", room).build().toString();
    }

    /** The next message other than the other workers' comings and goings, which must be of {@code type}. */
    private static JsonObject nextIgnoringPresence(RawWebSocket peer, String type) {
        while (true) {
            JsonObject message = ServerUnderTest.json(peer.nextText());
            String received = message.getString("type", "");
            if (!received.equals("peer-online") && !received.equals("peer-offline")) {
                assertEquals(type, received, () -> "unexpected message " + message);
                return message;
            }
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
