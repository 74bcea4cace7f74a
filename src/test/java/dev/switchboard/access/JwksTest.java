package dev.switchboard.access;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys from a JWKS URL, served by a real HTTP server: chosen by {@code kid}, cached, fetched again on rotation. */
class JwksTest {

    private final AtomicReference<JWKSet> served = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;
    private AccessControl control;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().toString(true).getBytes(StandardCharsets.UTF_8); // public keys only
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        control = new AccessControl("token", Optional.empty(), Optional.empty(),
                Optional.of("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks"),
                Optional.empty(), Optional.empty(), 30);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Verification verify(RSAKey key) {
        return control.verify(Tokens.rs256(Tokens.claims("alice", null).build(), key));
    }

    @Test
    void keysAreFetchedOnceAndCached() {
        RSAKey key = Tokens.rsaKey();
        served.set(new JWKSet(key));
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Verification.Accepted.class, verify(key));
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesItAndTheOldOneIsDropped() {
        RSAKey old = Tokens.rsaKey();
        RSAKey rotated = Tokens.rsaKey();
        served.set(new JWKSet(old));
        assertInstanceOf(Verification.Accepted.class, verify(old));
        served.set(new JWKSet(rotated));
        // Fetched again for the unknown kid, at most once every few seconds (a flood of made-up kids must
        // not become a flood of fetches): wait for the new key to be taken up.
        await("the rotated key accepted").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> verify(rotated) instanceof Verification.Accepted);
        assertInstanceOf(Verification.Refused.class, verify(old));
    }

    @Test
    void anUnreachableJwksRefusesTokensAsKeysUnavailable() {
        server.stop(0);
        Verification verification = verify(Tokens.rsaKey());
        assertEquals(TokenRefusal.KEYS_UNAVAILABLE, assertInstanceOf(Verification.Refused.class, verification).reason());
    }
}
