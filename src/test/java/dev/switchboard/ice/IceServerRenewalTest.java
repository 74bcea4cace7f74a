package dev.switchboard.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.endpoint.TestClient;
import dev.switchboard.endpoint.TestServer;
import dev.switchboard.metrics.SignalingMetrics;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connections get new TURN credentials before theirs expire, and only queue them (the threading rule). */
class IceServerRenewalTest {

    private static final long TTL_SECONDS = 20;

    private final IceServerIssuer issuer = IceServerIssuerTest.issuer(
            "stun:s.example", "turn:t.example", "north-wind-secret", TTL_SECONDS);
    private final TestServer server = new TestServer(2, 10_000, 10_000, 1024, SignalingMetrics.NONE, issuer);
    private final IceServerRenewal renewal = new IceServerRenewal(server.peers, issuer);

    @AfterEach
    void theThreadingRuleHeld() throws InterruptedException {
        server.close();
    }

    private static long seconds(long seconds) {
        return TimeUnit.SECONDS.toNanos(seconds);
    }

    private static List<JsonObject> iceServerUpdates(TestClient client) {
        return client.received().stream().filter(message -> message.getString("type").equals("ice-servers")).toList();
    }

    @Test
    void theWelcomeCarriesTheServersWithThePeersCredential() {
        TestClient client = server.connect();
        server.settle();
        JsonObject welcome = client.received().get(0);
        assertEquals("welcome", welcome.getString("type"));
        JsonObject turn = welcome.getJsonArray("iceServers").getJsonObject(1);
        assertEquals("1800000020:" + client.peer(), turn.getString("username"));
        assertEquals("turn:t.example", turn.getJsonArray("urls").getString(0));
        assertEquals("stun:s.example", welcome.getJsonArray("iceServers").getJsonObject(0).getJsonArray("urls").getString(0));
    }

    @Test
    void nothingIsSentBeforeSixtyPercentOfTheLifetime() {
        long start = System.nanoTime();
        TestClient client = server.connect();
        renewal.check(start + seconds(11));
        server.settle();
        assertEquals(List.of(), iceServerUpdates(client));
    }

    @Test
    void aConnectionPastSixtyPercentIsSentNewServersOnceUntilTheyAgeInTurn() {
        TestClient client = server.connect();
        long due = System.nanoTime() + seconds(12);
        renewal.check(due);
        renewal.check(due + seconds(11));
        server.settle();
        List<JsonObject> updates = iceServerUpdates(client);
        assertEquals(1, updates.size(), "one renewal per lifetime: " + updates);
        assertEquals("1800000020:" + client.peer(),
                updates.get(0).getJsonArray("iceServers").getJsonObject(1).getString("username"));

        renewal.check(due + seconds(12));
        server.settle();
        assertEquals(2, iceServerUpdates(client).size());
    }

    @Test
    void aClosedConnectionIsSentNothing() {
        TestClient client = server.connect();
        client.connection().closed();
        server.settle();
        renewal.check(System.nanoTime() + seconds(12));
        server.settle();
        assertEquals(List.of(), iceServerUpdates(client));
        assertFalse(server.peers.isConnected(client.peer()));
    }
}
