package dev.switchboard.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.access.Access;
import dev.switchboard.access.AccessControl;
import dev.switchboard.access.AccessToken;
import dev.switchboard.access.Grants;
import dev.switchboard.access.TokenVerifier;
import dev.switchboard.access.Tokens;
import dev.switchboard.connection.CloseCodes;
import dev.switchboard.ice.IceServerIssuer;
import dev.switchboard.ice.IceSettings;
import dev.switchboard.metrics.SignalingMetrics;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Access tokens through the connection's life: refused at the open, errors that keep it open, renewal. */
class AccessLifecycleTest {

    private final TestServer server = new TestServer(2, 10_000, 10_000, 1024, SignalingMetrics.NONE,
            new IceServerIssuer(IceSettings.of(Optional.empty(), Optional.empty(), Optional.empty(), 3600), Clock.systemUTC()),
            new AccessControl(new TokenVerifier(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), null, null, null, null,
                    Duration.ofSeconds(30), Clock.systemUTC())));

    @AfterEach
    void theThreadingRuleHeld() throws InterruptedException {
        server.close();
    }

    private static Access alice(Grants grants, Instant expiresAt) {
        return Access.of(new AccessToken("alice", null, expiresAt, grants));
    }

    private static Access alice(Grants grants) {
        return alice(grants, Instant.now().plusSeconds(3600));
    }

    private static JsonObject last(TestClient client) {
        List<JsonObject> received = client.received();
        return received.get(received.size() - 1);
    }

    @Test
    void aConnectionWithoutAValidTokenIsClosedWith4401BeforeAnyWelcome() {
        TestClient client = server.connect(Access.denied());
        server.settle();
        assertEquals(List.of(), client.types());
        assertEquals(CloseCodes.UNAUTHORIZED, client.closed().code());
        assertFalse(server.peers.isConnected(client.peer()));
    }

    @Test
    void anEntryOutsideTheGrantsIsAnsweredForbiddenWithItsRefAndTheConnectionStaysOpen() {
        TestClient client = server.connect(alice(new Grants(List.of("team-42-*"), true, false)));
        client.send("{\"type\":\"create\",\"room\":\"team-4\",\"id\":7}");
        client.send("{\"type\":\"create\",\"room\":\"team-42-a\",\"id\":8}");
        server.settle();
        assertEquals(List.of("welcome", "error", "created"), client.types());
        JsonObject error = client.received().get(1);
        assertEquals("forbidden", error.getString("code"));
        assertEquals(7, error.getInt("ref"));
        assertNull(client.closed());
    }

    @Test
    void onTheRoomsPathARoomNotGrantedIsForbiddenAndClosedWith4403() {
        TestClient client = server.connectToRoom("elsewhere", alice(new Grants(List.of("team-42-*"), true, false)));
        server.settle();
        assertEquals(List.of("welcome", "error"), client.types());
        assertEquals("forbidden", last(client).getString("code"));
        assertEquals(CloseCodes.FORBIDDEN, client.closed().code());
        assertEquals(0, server.rooms.occupancy().rooms());
    }

    @Test
    void onTheRoomsPathAJoinOnlyTokenGetsEmptyAndClose4404ForARoomThatDoesNotExist() {
        TestClient client = server.connectToRoom("r", alice(new Grants(List.of("r"), false, false)));
        server.settle();
        assertEquals(List.of("welcome", "empty"), client.types());
        assertEquals(CloseCodes.NO_SUCH_ROOM, client.closed().code());
    }

    @Test
    void onTheRoomsPathAJoinOnlyTokenJoinsARoomThatExists() {
        TestClient creator = server.connectToRoom("r", alice(new Grants(List.of("r"), true, false)));
        server.settle();
        TestClient joiner = server.connectToRoom("r", alice(new Grants(List.of("r"), false, false)));
        server.settle();
        assertEquals(List.of("welcome", "joined"), joiner.types());
        assertNull(joiner.closed());
        assertEquals(List.of("welcome", "created", "peer-joined"), creator.types());
    }

    @Test
    void anExpiredTokenRefusesNewEntriesUntilAFreshOneIsSentWithAuth() {
        TestClient client = server.connect(alice(new Grants(List.of("r"), true, false), Instant.now().minusSeconds(1)));
        client.send("{\"type\":\"create\",\"room\":\"r\",\"id\":1}");
        server.settle();
        assertEquals("token-expired", last(client).getString("code"));

        String fresh = Tokens.hs256(Tokens.claims("alice", Tokens.grants(List.of("r"), true, false)).build());
        client.send("{\"type\":\"auth\",\"token\":\"" + fresh + "\",\"id\":2}");
        client.send("{\"type\":\"create\",\"room\":\"r\",\"id\":3}");
        server.settle();
        List<JsonObject> received = client.received();
        JsonObject auth = received.get(received.size() - 2);
        assertEquals("auth", auth.getString("type"));
        assertEquals(true, auth.getBoolean("ok"));
        assertEquals(2, auth.getInt("ref"));
        assertFalse(auth.containsKey("token"), "the token is never sent back: " + auth);
        assertEquals("created", last(client).getString("type"));
    }

    @Test
    void anotherUsersTokenOrAnInvalidOneChangesNothing() {
        TestClient client = server.connect(alice(new Grants(List.of("r"), true, false)));
        String mallory = Tokens.hs256(Tokens.claims("mallory", Tokens.grants(List.of("*"), true, true)).build());
        client.send("{\"type\":\"auth\",\"token\":\"" + mallory + "\",\"id\":1}");
        client.send("{\"type\":\"auth\",\"token\":\"not-a-token\",\"id\":2}");
        client.send("{\"type\":\"create\",\"room\":\"s\",\"id\":3}");
        server.settle();
        assertEquals(List.of("welcome", "error", "error", "error"), client.types());
        assertEquals(List.of("forbidden", "invalid-token", "forbidden"),
                client.received().stream().skip(1).map(message -> message.getString("code")).toList());
    }
}
