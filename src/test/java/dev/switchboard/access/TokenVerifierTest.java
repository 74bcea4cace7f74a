package dev.switchboard.access;

import static dev.switchboard.access.Tokens.claims;
import static dev.switchboard.access.Tokens.grants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which tokens are accepted, and why the others are refused. */
class TokenVerifierTest {

    private static final RSAKey RSA = Tokens.rsaKey();
    private static final ECKey EC = Tokens.ecKey();
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final TokenVerifier hmac = new TokenVerifier(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), null, null,
            null, null, SKEW, Clock.systemUTC());
    private final TokenVerifier publicKeys = new TokenVerifier(null, null,
            new ImmutableJWKSet<>(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK()))), null, null, SKEW,
            Clock.systemUTC());

    private static JWTClaimsSet alice() {
        return claims("alice", grants(List.of("team-42-*"), true, true)).claim("name", "Alice").build();
    }

    private static TokenRefusal refusal(Verification verification) {
        return assertInstanceOf(Verification.Refused.class, verification).reason();
    }

    @Test
    void anHs256TokenSignedWithTheSecretIsAcceptedWithItsClaims() {
        JWTClaimsSet claims = alice(); // once: each call reads the clock for its expiry
        AccessToken token = assertInstanceOf(Verification.Accepted.class, hmac.verify(Tokens.hs256(claims))).token();
        assertEquals("alice", token.subject());
        assertEquals("Alice", token.name());
        assertEquals(new Grants(List.of("team-42-*"), true, true), token.grants());
        assertEquals(claims.getExpirationTime().toInstant().getEpochSecond(), token.expiresAt().getEpochSecond());
    }

    @Test
    void rs256AndEs256TokensAreAcceptedWithThePublicKeys() {
        assertInstanceOf(Verification.Accepted.class, publicKeys.verify(Tokens.rs256(alice(), RSA)));
        assertInstanceOf(Verification.Accepted.class, publicKeys.verify(Tokens.es256(alice(), EC)));
    }

    @Test
    void aTokenWithoutGrantsGrantsNothing() {
        AccessToken token = assertInstanceOf(Verification.Accepted.class,
                hmac.verify(Tokens.hs256(claims("bob", null).build()))).token();
        assertEquals(Grants.NONE, token.grants());
    }

    @Test
    void noTokenIsMissing() {
        assertEquals(TokenRefusal.MISSING, refusal(hmac.verify(null)));
        assertEquals(TokenRefusal.MISSING, refusal(hmac.verify("")));
    }

    @Test
    void aTokenSignedWithAnotherSecretHasABadSignature() {
        String forged = Tokens.hs256(alice(), "another-secret-that-is-also-32-bytes-long".getBytes(StandardCharsets.UTF_8));
        assertEquals(TokenRefusal.BAD_SIGNATURE, refusal(hmac.verify(forged)));
    }

    @Test
    void aTokenWithAChangedClaimHasABadSignature() {
        String[] parts = Tokens.hs256(alice()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("team-42-*", "*");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(TokenRefusal.BAD_SIGNATURE, refusal(hmac.verify(tampered)));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertEquals(TokenRefusal.ALGORITHM, refusal(hmac.verify(Tokens.unsigned(alice()))));
        assertEquals(TokenRefusal.ALGORITHM, refusal(publicKeys.verify(Tokens.unsigned(alice()))));
    }

    @Test
    void anHs256TokenMacedWithThePublicKeyAsSecretIsRefused() throws Exception {
        // Algorithm confusion: a verifier that took the key for whatever the header says would accept this.
        String confused = Tokens.hs256(alice(), RSA.toPublicJWK().toRSAPublicKey().getEncoded());
        assertEquals(TokenRefusal.ALGORITHM, refusal(publicKeys.verify(confused)));
        String pemBytes = Tokens.hs256(alice(), RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8));
        assertEquals(TokenRefusal.ALGORITHM, refusal(publicKeys.verify(pemBytes)));
    }

    @Test
    void anRs256TokenIsRefusedWhereOnlyTheSecretIsConfigured() {
        assertEquals(TokenRefusal.ALGORITHM, refusal(hmac.verify(Tokens.rs256(alice(), RSA))));
    }

    @Test
    void anRs256TokenSignedWithAnotherKeyHasABadSignature() {
        RSAKey other = Tokens.rsaKey();
        RSAKey sameIdOtherKey = new RSAKey.Builder(other).keyID(RSA.getKeyID()).build();
        assertEquals(TokenRefusal.BAD_SIGNATURE, refusal(publicKeys.verify(Tokens.rs256(alice(), sameIdOtherKey))));
        assertEquals(TokenRefusal.BAD_SIGNATURE, refusal(publicKeys.verify(Tokens.rs256(alice(), other))));
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkewOnly() {
        Instant now = Instant.now();
        String expired = Tokens.hs256(claims("alice", null).expirationTime(Date.from(now.minusSeconds(31))).build());
        assertEquals(TokenRefusal.EXPIRED, refusal(hmac.verify(expired)));
        String withinSkew = Tokens.hs256(claims("alice", null).expirationTime(Date.from(now.minusSeconds(20))).build());
        assertInstanceOf(Verification.Accepted.class, hmac.verify(withinSkew));
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        Instant later = Instant.now().plusSeconds(120);
        assertEquals(TokenRefusal.NOT_YET_VALID,
                refusal(hmac.verify(Tokens.hs256(claims("alice", null).notBeforeTime(Date.from(later)).build()))));
        assertEquals(TokenRefusal.NOT_YET_VALID,
                refusal(hmac.verify(Tokens.hs256(claims("alice", null).issueTime(Date.from(later)).build()))));
    }

    @Test
    void theIssuerAndAudienceMustMatchWhenConfigured() {
        TokenVerifier strict = new TokenVerifier(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), null, null,
                "https://app.example", "switchboard", SKEW, Clock.systemUTC());
        JWTClaimsSet.Builder right = claims("alice", null).issuer("https://app.example").audience("switchboard");
        assertInstanceOf(Verification.Accepted.class, strict.verify(Tokens.hs256(right.build())));
        assertInstanceOf(Verification.Accepted.class, strict.verify(Tokens.hs256(
                right.audience(List.of("other", "switchboard")).build())));
        for (JWTClaimsSet wrong : List.of(
                claims("alice", null).issuer("https://evil.example").audience("switchboard").build(),
                claims("alice", null).issuer("https://app.example").audience("other").build(),
                claims("alice", null).audience("switchboard").build(),
                claims("alice", null).issuer("https://app.example").build())) {
            assertEquals(TokenRefusal.WRONG_ISSUER_OR_AUDIENCE, refusal(strict.verify(Tokens.hs256(wrong))), wrong::toString);
        }
    }

    @Test
    void subAndExpAreRequired() {
        assertEquals(TokenRefusal.MISSING_CLAIMS, refusal(hmac.verify(Tokens.hs256(
                new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plusSeconds(60))).build()))));
        assertEquals(TokenRefusal.MISSING_CLAIMS, refusal(hmac.verify(Tokens.hs256(
                new JWTClaimsSet.Builder().subject("alice").build()))));
    }

    @Test
    void grantsOfTheWrongShapeMakeTheTokenMalformed() {
        for (Map<String, Object> grants : List.<Map<String, Object>>of(Map.of("rooms", "team-42"),
                Map.of("rooms", List.of(42)), Map.of("create", "yes"), Map.of("directory", 1))) {
            assertEquals(TokenRefusal.MALFORMED, refusal(hmac.verify(Tokens.hs256(claims("alice", grants).build()))),
                    grants::toString);
        }
        assertEquals(TokenRefusal.MALFORMED, refusal(hmac.verify(Tokens.hs256(claims("alice", null).claim("name", 7).build()))));
    }

    @Test
    void textThatIsNoJwtIsMalformed() {
        for (String text : List.of("x", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9", "Bearer abc")) {
            assertEquals(TokenRefusal.MALFORMED, refusal(hmac.verify(text)), text);
        }
    }

    @Test
    void aTokenOverTheSizeLimitIsRefusedUnread() {
        String huge = Tokens.hs256(claims("alice", null).claim("pad", "x".repeat(TokenVerifier.MAX_LENGTH)).build());
        assertEquals(TokenRefusal.TOO_LARGE, refusal(hmac.verify(huge)));
    }

    @Test
    void aVerifierNeedsAKey() {
        assertThrows(IllegalArgumentException.class,
                () -> new TokenVerifier(null, null, null, null, null, SKEW, Clock.systemUTC()));
    }
}
