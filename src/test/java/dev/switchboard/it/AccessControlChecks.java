package dev.switchboard.it;

import static dev.switchboard.access.Tokens.claims;
import static dev.switchboard.access.Tokens.grants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.switchboard.access.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Black-box, on a server with {@code switchboard.auth.mode=token} (HS256, an issuer and an audience):
 * handshakes without a valid token get HTTP 401; a valid one, in the query or as a bearer header, is
 * welcomed, and its grants decide rooms and the directory. Run on Open Liberty ({@link AccessControlIT})
 * and on Payara Micro ({@code PayaraAccessControlChecks}).
 */
public abstract class AccessControlChecks {

    private static final String ISSUER = "https://app.example";
    private static final String AUDIENCE = "switchboard";
    private static final String REFUSED = "switchboard_tokens_refused_total";

    /** The configuration of the server under test. */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "SWITCHBOARD_AUTH_MODE", "token",
            "SWITCHBOARD_AUTH_JWT_SECRET", Tokens.SECRET,
            "SWITCHBOARD_AUTH_JWT_ISSUER", ISSUER,
            "SWITCHBOARD_AUTH_JWT_AUDIENCE", AUDIENCE);

    /** The server under test, started with {@link #ENVIRONMENT}. */
    protected abstract ServerAddress server();

    private static JWTClaimsSet.Builder user(String subject, Map<String, Object> grants) {
        return claims(subject, grants).issuer(ISSUER).audience(AUDIENCE);
    }

    private URI signal(String token) {
        return server().webSocketUri("/signal?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private URI room(String room, String token) {
        return server().webSocketUri("/rooms/" + room + "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private double refused(String reason) {
        return MetricsPage.read(server().managementUri("/")).value(REFUSED, "reason", reason);
    }

    @Test
    void aHandshakeWithoutATokenGets401() {
        double before = refused("missing");
        assertEquals(401, TestPeer.handshakeStatusWithHeaders(server().webSocketUri("/signal"), Map.of()));
        assertEquals(401, TestPeer.handshakeStatusWithHeaders(server().webSocketUri("/rooms/r"), Map.of()));
        assertEquals(before + 2, refused("missing"));
    }

    @Test
    void everyKindOfBadTokenGets401AndIsCountedByReason() {
        Instant past = Instant.now().minusSeconds(120);
        Map<String, String> badTokens = Map.of(
                "bad-signature", Tokens.hs256(user("alice", null).build(),
                        "a-different-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8)),
                "algorithm", Tokens.unsigned(user("alice", null).build()),
                "expired", Tokens.hs256(user("alice", null).expirationTime(Date.from(past)).build()),
                "not-yet-valid", Tokens.hs256(user("alice", null).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()),
                "wrong-issuer-or-audience", Tokens.hs256(claims("alice", null).issuer("https://evil.example").audience(AUDIENCE).build()),
                "malformed", "not-a-token",
                "too-large", Tokens.hs256(user("alice", null).claim("pad", "x".repeat(3500)).build()));
        badTokens.forEach((reason, token) -> {
            double before = refused(reason);
            assertEquals(401, TestPeer.handshakeStatusWithHeaders(signal(token), Map.of()), reason);
            assertEquals(before + 1, refused(reason), reason);
        });
    }

    /**
     * The conformance kit with a token as a deployment would issue it for the kit: its rooms (conf-*) and
     * creating them, not the directory. The room checks pass; those that need the directory are skipped, not
     * failed, and say why, as is invalid-room: a request without a room names no granted room (forbidden).
     */
    @Test
    void theConformanceKitRunsWithATokenAndSkipsWhatItsGrantsForbid() throws Exception {
        String token = Tokens.hs256(user("conformance-kit", grants(List.of("conf-*"), true, false)).build());
        ConformanceKit run = ConformanceKit.run(server().webSocketUri("").toString(), "--token", token);
        assertEquals(0, run.exitCode(), () -> "the kit failed with a token:\n" + run.output());
        assertTrue(run.output().contains("directory-login             | skip   | the access token does not allow it"), run::output);
        assertTrue(run.output().contains("23 passed, 0 failed, 6 skipped"), run::output);
        assertTrue(!run.output().contains(token), "the kit printed its token");
    }

    @Test
    void theDevelopmentTokenEndpointIsOffUnlessTurnedOn() throws Exception {
        assertEquals(404, ServerUnderTest.get(server().httpUri("/dev/token")).statusCode());
    }

    @Test
    void aValidTokenIsWelcomedFromTheQueryOrFromABearerHeader() {
        String token = Tokens.hs256(user("alice", null).build());
        try (TestPeer byQuery = TestPeer.connect(signal(token));
             TestPeer byHeader = TestPeer.connect(server().webSocketUri("/signal"), Map.of("Authorization", "Bearer " + token))) {
            assertTrue(byQuery.peerId() != null && byHeader.peerId() != null);
        }
    }

    @Test
    void roomsAndTheDirectoryFollowTheGrants() {
        String room = "team-42-" + ServerUnderTest.uniqueRoom();
        try (TestPeer alice = TestPeer.connect(signal(Tokens.hs256(user("alice", grants(List.of("team-42-*"), true, false)).build())));
             TestPeer bob = TestPeer.connect(signal(Tokens.hs256(user("bob", grants(List.of(room), false, true))
                     .claim("name", "Bob").build())))) {
            alice.send(Json.createObjectBuilder().add("type", "create").add("room", "team-4").add("id", 1).build());
            JsonObject forbidden = alice.nextError("forbidden");
            assertEquals(1, forbidden.getInt("ref"));
            alice.send(Json.createObjectBuilder().add("type", "login").add("name", "Alice").add("id", 2).build());
            alice.nextError("forbidden");
            alice.request("create", room);
            alice.next("created");

            bob.send(Json.createObjectBuilder().add("type", "create-or-join").add("room", room).add("id", 3).build());
            assertEquals(room, bob.next("joined").getString("room"));
            alice.next("peer-joined");
            bob.send(Json.createObjectBuilder().add("type", "login").add("id", 4).build());
            assertEquals("Bob", bob.next("login").getString("name"));
        }
    }

    @Test
    void onTheRoomsPathARoomNotGrantedIsClosedWith4403() {
        String token = Tokens.hs256(user("alice", grants(List.of("team-42-*"), true, false)).build());
        try (TestPeer peer = TestPeer.connect(room("elsewhere", token))) {
            peer.nextError("forbidden");
            org.awaitility.Awaitility.await("the close").atMost(TestPeer.WAIT).until(peer::isClosed);
            assertEquals(4403, peer.closeCode());
        }
    }

    @Test
    void aFreshTokenOfTheSameUserIsAcceptedWithAuth() {
        String room = "team-42-" + ServerUnderTest.uniqueRoom();
        try (TestPeer alice = TestPeer.connect(signal(Tokens.hs256(user("alice", grants(List.of(), false, false)).build())))) {
            alice.request("create", room);
            alice.nextError("forbidden");
            String fresh = Tokens.hs256(user("alice", grants(List.of(room), true, false)).build());
            alice.send(Json.createObjectBuilder().add("type", "auth").add("token", fresh).add("id", "a1").build());
            JsonObject auth = alice.next("auth");
            assertEquals("a1", auth.getString("ref"));
            assertTrue(auth.getBoolean("ok"));
            assertTrue(auth.getJsonNumber("expiresAt").longValue() > Instant.now().getEpochSecond());
            alice.request("create", room);
            alice.next("created");
        }
    }
}
