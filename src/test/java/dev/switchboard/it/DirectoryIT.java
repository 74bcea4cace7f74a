package dev.switchboard.it;

import static dev.switchboard.it.ServerUnderTest.uniqueRoom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Black-box: login, presence, direct messages and signals, invitations, and their isolation from rooms. */
class DirectoryIT {

    /** Presence is server-wide: start each test from an empty directory so no other test's peers appear. */
    @BeforeEach
    void quiet() throws Exception {
        ServerUnderTest.awaitNoRoomsAndNoConnections();
    }

    @AfterAll
    static void nothingLeaks() throws Exception {
        ServerUnderTest.awaitNoRoomsAndNoConnections();
    }

    private static String uniqueName(String base) {
        return base + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    }

    /** {@code a} logs in, then {@code b}; {@code a}'s notice of {@code b} is read. */
    private static void bothLoggedIn(TestPeer a, String aName, TestPeer b, String bName) {
        a.login(aName);
        b.login(bName);
        a.next("peer-online");
    }

    private static Map<String, String> namesById(JsonArray peers) {
        return peers.getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(p -> p.getString("peerId"), p -> p.getString("name")));
    }

    private static JsonObject message(String to, JsonValue body) {
        return Json.createObjectBuilder().add("type", "message").add("to", to).add("body", body).build();
    }

    @Test
    void loginRepliesOkAndListsEveryoneOnlineIncludingYou() {
        String name = uniqueName("Alice");
        try (TestPeer a = TestPeer.connect()) {
            a.send("{\"type\":\"login\",\"name\":\"" + name + "\",\"id\":\"l1\"}");
            JsonObject reply = a.next("login");
            assertEquals(true, reply.getBoolean("ok"));
            assertEquals(name, reply.getString("name"));
            assertEquals(a.peerId(), reply.getString("peerId"));
            assertEquals("l1", reply.getString("ref"));
            assertEquals(Map.of(a.peerId(), name), namesById(a.next("presence").getJsonArray("peers")));
        }
    }

    @Test
    void aLoginIsAnnouncedToThoseOnlineAndTheNewcomerGetsTheWholeList() {
        String alice = uniqueName("Alice");
        String bob = uniqueName("Bob");
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect(); TestPeer outsider = TestPeer.connect()) {
            a.login(alice);
            JsonObject presence = b.login(bob);
            assertEquals(Map.of(a.peerId(), alice, b.peerId(), bob), namesById(presence.getJsonArray("peers")));
            JsonObject online = a.next("peer-online");
            assertEquals(b.peerId(), online.getString("peerId"));
            assertEquals(bob, online.getString("name"));
            outsider.sync();
            outsider.assertNothingReceived(); // not logged in: no presence
        }
    }

    @Test
    void aTakenNameIsRefusedWhateverItsCase() {
        String name = uniqueName("Carol");
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            a.login(name);
            b.send("{\"type\":\"login\",\"name\":\"" + name.toUpperCase() + "\"}");
            b.nextError("name-taken");
            b.login(uniqueName("Dave")); // the connection is still usable
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\" padded\"", "\"padded \"", "\"tab\\there\"", "\"new\\nline\"",
            "\"zero\\u200bwidth\"", "\"123456789012345678901234567890123\"", "null"})
    void invalidNamesAreRefused(String name) {
        try (TestPeer a = TestPeer.connect()) {
            a.send("{\"type\":\"login\",\"name\":" + name + "}");
            a.nextError("invalid-name");
        }
    }

    @Test
    void aConnectionLogsInOnce() {
        try (TestPeer a = TestPeer.connect()) {
            a.login(uniqueName("Erin"));
            a.send("{\"type\":\"login\",\"name\":\"" + uniqueName("Other") + "\"}");
            a.nextError("already-logged-in");
        }
    }

    @Test
    void logoutIsAnnouncedAndEndsPresenceForTheLeaver() {
        String alice = uniqueName("Alice");
        String bob = uniqueName("Bob");
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect(); TestPeer c = TestPeer.connect()) {
            bothLoggedIn(a, alice, b, bob);
            a.send("{\"type\":\"logout\"}");
            JsonObject offline = b.next("peer-offline");
            assertEquals(a.peerId(), offline.getString("peerId"));
            assertEquals(alice, offline.getString("name"));
            assertEquals("logout", offline.getString("reason"));
            c.login(uniqueName("Carol"));
            b.next("peer-online");
            a.sync();
            a.assertNothingReceived(); // logged out: no more presence
            a.send("{\"type\":\"logout\"}");
            a.nextError("not-logged-in");
            a.login(alice); // the name is free again
        }
    }

    @Test
    void anAbruptDisconnectIsAnnouncedAsOfflineWhenItsResumeWindowEnds() {
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            String bob = uniqueName("Bob");
            bothLoggedIn(a, uniqueName("Alice"), b, bob);
            b.abort();
            JsonObject offline = a.next("peer-offline"); // nothing before it: presence holds through the window
            assertEquals(b.peerId(), offline.getString("peerId"));
            assertEquals("timeout", offline.getString("reason"));
            try (TestPeer again = TestPeer.connect()) {
                again.login(bob); // the name was freed
            }
        }
    }

    @Test
    void ofSessionsLoggingInWithOneNameAtOnceExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int race = 0; race < 50; race++) {
                String name = uniqueName("Racer");
                List<TestPeer> peers = List.of(TestPeer.connect(), TestPeer.connect(), TestPeer.connect());
                try {
                    CyclicBarrier start = new CyclicBarrier(peers.size());
                    List<Future<String>> outcomes = new ArrayList<>();
                    for (TestPeer peer : peers) {
                        outcomes.add(pool.submit(() -> {
                            start.await(10, TimeUnit.SECONDS);
                            peer.send("{\"type\":\"login\",\"name\":\"" + name + "\"}");
                            JsonObject reply = peer.next();
                            return reply.getString("type").equals("error") ? reply.getString("code") : "login";
                        }));
                    }
                    Map<String, Integer> tally = new HashMap<>();
                    for (Future<String> outcome : outcomes) {
                        tally.merge(outcome.get(20, TimeUnit.SECONDS), 1, Integer::sum);
                    }
                    assertEquals(Map.of("login", 1, "name-taken", 2), tally, "race " + race);
                } finally {
                    peers.forEach(TestPeer::close);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMessageReachesItsAddresseeByNameOrPeerIdStampedByTheServer() {
        String alice = uniqueName("Alice");
        String bob = uniqueName("Bob");
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            bothLoggedIn(a, alice, b, bob);
            JsonObject body = Json.createObjectBuilder().add("text", "hi Bob").add("urgent", true)
                    .add("n", Json.createArrayBuilder().add(1).add(2.5).addNull()).build();
            long before = System.currentTimeMillis();
            a.send(Json.createObjectBuilder(message(bob.toLowerCase(), body)).add("from", "forged")
                    .add("fromName", "Mallory").build());
            JsonObject received = b.next("message");
            assertEquals(body, received.getJsonObject("body"));
            assertEquals(a.peerId(), received.getString("from"));
            assertEquals(alice, received.getString("fromName"));
            long ts = received.getJsonNumber("ts").longValue();
            assertTrue(ts >= before - 5_000 && ts <= System.currentTimeMillis() + 5_000, "ts " + ts);

            b.send(message(a.peerId(), Json.createValue("hi Alice")));
            assertEquals("hi Alice", a.next("message").getString("body"));
        }
    }

    @Test
    void messagesToOfflineOrUnknownPeersAndFromLoggedOutOnesAreRefused() {
        String bob = uniqueName("Bob");
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            a.send(message("anyone", Json.createValue("hi")));
            a.nextError("not-logged-in");
            a.login(uniqueName("Alice"));
            a.send(Json.createObjectBuilder(message("nobody-online", Json.createValue("hi"))).add("id", 3).build());
            assertEquals(3, a.nextError("unknown-peer").getInt("ref"));
            b.login(bob);
            a.next("peer-online");
            b.send("{\"type\":\"logout\"}");
            a.next("peer-offline");
            a.send(message(bob, Json.createValue("still there?")));
            a.nextError("unknown-peer");
            b.sync();
            b.assertNothingReceived();
        }
    }

    @Test
    void signalsOutsideRoomsGoDirectlyBetweenLoggedInPeers() {
        String alice = uniqueName("Alice");
        String bob = uniqueName("Bob");
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            bothLoggedIn(a, alice, b, bob);
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\",\"to\":\"" + bob + "\"}");
            JsonObject offer = b.next("offer");
            assertEquals("v=0", offer.getString("sdp"));
            assertEquals(a.peerId(), offer.getString("from"));
            assertEquals(alice, offer.getString("fromName"));
            assertFalse(offer.containsKey("room"));
            b.send("{\"type\":\"answer\",\"sdp\":\"v=0 answer\",\"to\":\"" + a.peerId() + "\"}");
            assertEquals(bob, a.next("answer").getString("fromName"));
            a.send("{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 9 typ host\","
                    + "\"sdpMid\":\"0\"},\"to\":\"" + bob + "\"}");
            assertEquals("0", b.next("candidate").getJsonObject("candidate").getString("sdpMid"));
            a.send("{\"type\":\"bye\",\"to\":\"" + bob + "\"}");
            assertEquals(a.peerId(), b.next("bye").getString("from"));
            a.send("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
            a.nextError("invalid-message"); // outside a room a signal needs an addressee
        }
    }

    @Test
    void anInvitationIsAcceptedByJoiningTheRoom() {
        String alice = uniqueName("Alice");
        String bob = uniqueName("Bob");
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            bothLoggedIn(a, alice, b, bob);
            a.send("{\"type\":\"invite\",\"to\":\"" + bob + "\",\"room\":\"" + room + "\"}");
            a.nextError("not-in-room"); // the inviter waits in the room it invites to
            a.request("create", room);
            a.next("created");
            a.send("{\"type\":\"invite\",\"to\":\"" + bob + "\",\"room\":\"" + room + "\"}");
            JsonObject invite = b.next("invite");
            assertEquals(room, invite.getString("room"));
            assertEquals(a.peerId(), invite.getString("from"));
            assertEquals(alice, invite.getString("fromName"));
            b.request("join", room);
            b.next("joined");
            assertEquals(b.peerId(), a.next("peer-joined").getString("peerId"));
        }
    }

    @Test
    void aDeclineGoesBackToTheInviter() {
        String alice = uniqueName("Alice");
        String bob = uniqueName("Bob");
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect()) {
            bothLoggedIn(a, alice, b, bob);
            a.request("create", room);
            a.next("created");
            a.send("{\"type\":\"invite\",\"to\":\"" + bob + "\",\"room\":\"" + room + "\"}");
            b.next("invite");
            b.send("{\"type\":\"decline\",\"to\":\"" + alice + "\",\"room\":\"" + room + "\"}");
            JsonObject decline = a.next("decline");
            assertEquals(room, decline.getString("room"));
            assertEquals(b.peerId(), decline.getString("from"));
            assertEquals(bob, decline.getString("fromName"));
        }
    }

    @Test
    void roomSignalsAndDirectMessagesNeverLeakIntoEachOther() {
        String room = uniqueRoom();
        try (TestPeer a = TestPeer.connect(); TestPeer b = TestPeer.connect(); TestPeer c = TestPeer.connect();
             TestPeer d = TestPeer.connect()) {
            String cName = uniqueName("Carol");
            a.login(uniqueName("Alice"));
            b.login(uniqueName("Bob"));
            c.login(cName);
            d.login(uniqueName("Dan"));
            for (int i = 0; i < 3; i++) {
                a.next("peer-online"); // b, c, d
            }
            b.next("peer-online"); // c, d
            b.next("peer-online");
            c.next("peer-online"); // d
            TestPeer.meet(a, b, room);

            // a room signal goes to the room only, even to a logged-in non-member named in to
            a.send("{\"type\":\"offer\",\"sdp\":\"room\"}");
            assertEquals("room", b.next("offer").getString("sdp"));
            a.send("{\"type\":\"offer\",\"sdp\":\"room\",\"to\":\"" + cName + "\"}");
            a.nextError("unknown-peer");
            // a direct signal outside rooms cannot reach a peer in a room
            d.send("{\"type\":\"offer\",\"sdp\":\"direct\",\"to\":\"" + b.peerId() + "\"}");
            d.nextError("peer-busy");
            // a direct message reaches its addressee only, not the addressee's room
            c.send(message(a.peerId(), Json.createValue("just for a")));
            JsonObject dm = a.next("message");
            assertEquals("just for a", dm.getString("body"));
            assertFalse(dm.containsKey("room"));
            for (TestPeer peer : List.of(a, b, c, d)) {
                peer.sync();
            }
            for (TestPeer peer : List.of(a, b, c, d)) {
                peer.sync();
                peer.assertNothingReceived();
            }
        }
    }

    @Test
    void everyDirectoryMessageTypeIsKnown() {
        Set<String> types = Set.of("login", "logout", "message", "invite", "decline");
        try (TestPeer a = TestPeer.connect()) {
            for (String type : types) {
                a.send("{\"type\":\"" + type + "\"}");
                String code = a.next("error").getString("code");
                assertFalse(code.equals("unknown-type"), type);
            }
        }
    }
}
