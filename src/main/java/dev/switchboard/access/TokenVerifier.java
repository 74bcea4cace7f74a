package dev.switchboard.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks access tokens with Nimbus JOSE+JWT: the signature with the configured keys, then the claims.
 * Accepts only the algorithms its keys are for: HS256 with the shared secret, RS256 or ES256 with the public
 * key or the JWKS. So an unsigned token ({@code alg: none}) is refused, and so is an HS256 token "signed"
 * with the RSA public key as its secret (algorithm confusion): HS256 is tried only against the secret.
 * Thread-safe.
 */
public final class TokenVerifier {

    /**
     * The longest token read, in characters: well above a token with a few dozen room grants, and below the
     * request-line limits of the containers (8 KB on Payara Micro), which refuse longer ones with HTTP 400.
     */
    public static final int MAX_LENGTH = 4096;

    /** One processor per accepted algorithm, each trying only that algorithm's keys; built once, thread-safe. */
    private final Map<JWSAlgorithm, DefaultJWTProcessor<SecurityContext>> processors;
    private final String issuer;
    private final String audience;
    private final Duration skew;
    private final Clock clock;

    /**
     * @param secret    the HS256 secret, or null
     * @param publicKey an RSA key for RS256 or an EC P-256 key for ES256 (any {@code kid}), or null
     * @param jwks      RS256 / ES256 keys chosen by {@code kid} (a JWKS URL's), or null
     */
    public TokenVerifier(byte[] secret, PublicKey publicKey, JWKSource<SecurityContext> jwks, String issuer,
                         String audience, Duration skew, Clock clock) {
        this.processors = processors(selectors(secret, publicKey, jwks));
        if (processors.isEmpty()) {
            throw new IllegalArgumentException("no key to check tokens with");
        }
        this.issuer = issuer;
        this.audience = audience;
        this.skew = skew;
        this.clock = clock;
    }

    /**
     * The key of a PEM public key ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo): RSA for
     * RS256, EC P-256 for ES256. Read with the JDK's own key factories.
     */
    public static PublicKey publicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("switchboard.auth.jwt.public-key is not a PEM public key");
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException e) {
                // not a key of this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("switchboard.auth.jwt.public-key is not an RSA or EC P-256 public key in PEM");
    }

    public Verification verify(String token) {
        if (token == null || token.isEmpty()) {
            return new Verification.Refused(TokenRefusal.MISSING, "no token");
        }
        if (token.length() > MAX_LENGTH) {
            return new Verification.Refused(TokenRefusal.TOO_LARGE, token.length() + " characters");
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            return new Verification.Refused(TokenRefusal.MALFORMED, "not a JWT");
        }
        if (!(parsed instanceof SignedJWT jwt)) { // unsigned (alg none) or encrypted
            return new Verification.Refused(TokenRefusal.ALGORITHM, "not a signed JWT: " + parsed.getHeader().getAlgorithm());
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        DefaultJWTProcessor<SecurityContext> processor = processors.get(algorithm);
        if (processor == null) {
            return new Verification.Refused(TokenRefusal.ALGORITHM, "algorithm " + algorithm + " not accepted");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (KeySourceException e) {
            return new Verification.Refused(TokenRefusal.KEYS_UNAVAILABLE, e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            return new Verification.Refused(TokenRefusal.BAD_SIGNATURE, e.getMessage());
        }
        return checkClaims(claims);
    }

    private Verification checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (claims.getSubject() == null || claims.getSubject().isEmpty() || expiry == null) {
            return new Verification.Refused(TokenRefusal.MISSING_CLAIMS, "sub and exp are required");
        }
        if (!now.minus(skew).isBefore(expiry.toInstant())) {
            return new Verification.Refused(TokenRefusal.EXPIRED, "expired at " + expiry.toInstant());
        }
        for (Date start : new Date[] {claims.getNotBeforeTime(), claims.getIssueTime()}) {
            if (start != null && start.toInstant().isAfter(now.plus(skew))) {
                return new Verification.Refused(TokenRefusal.NOT_YET_VALID, "valid from " + start.toInstant());
            }
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())
                || audience != null && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
            return new Verification.Refused(TokenRefusal.WRONG_ISSUER_OR_AUDIENCE, "iss or aud not accepted");
        }
        try {
            return new Verification.Accepted(new AccessToken(claims.getSubject(), claims.getStringClaim("name"),
                    expiry.toInstant(), grants(claims.getJSONObjectClaim("grants"))));
        } catch (ParseException | IllegalArgumentException e) {
            return new Verification.Refused(TokenRefusal.MALFORMED, e.getMessage());
        }
    }

    private static Grants grants(Map<String, Object> claim) {
        if (claim == null) {
            return Grants.NONE;
        }
        Object rooms = claim.getOrDefault("rooms", List.of());
        if (!(rooms instanceof List<?> list) || !list.stream().allMatch(room -> room instanceof String)) {
            throw new IllegalArgumentException("grants.rooms must be an array of strings");
        }
        List<String> patterns = new ArrayList<>();
        list.forEach(room -> patterns.add((String) room));
        return new Grants(patterns, flag(claim, "create"), flag(claim, "directory"));
    }

    private static boolean flag(Map<String, Object> claim, String name) {
        Object value = claim.getOrDefault(name, false);
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException("grants." + name + " must be true or false");
        }
        return flag;
    }

    private static Map<JWSAlgorithm, DefaultJWTProcessor<SecurityContext>> processors(
            Map<JWSAlgorithm, JWSKeySelector<SecurityContext>> selectors) {
        Map<JWSAlgorithm, DefaultJWTProcessor<SecurityContext>> processors = new HashMap<>();
        selectors.forEach((algorithm, selector) -> {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(selector);
            processor.setJWTClaimsSetVerifier((claims, context) -> { }); // the claims are checked by rule, in checkClaims
            processors.put(algorithm, processor);
        });
        return Map.copyOf(processors);
    }

    private static Map<JWSAlgorithm, JWSKeySelector<SecurityContext>> selectors(byte[] secret, PublicKey publicKey,
                                                                                  JWKSource<SecurityContext> jwks) {
        Map<JWSAlgorithm, JWSKeySelector<SecurityContext>> selectors = new HashMap<>();
        if (secret != null) {
            selectors.put(JWSAlgorithm.HS256, new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret)));
        }
        if (publicKey instanceof RSAPublicKey) {
            selectors.put(JWSAlgorithm.RS256, new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256, publicKey));
        } else if (publicKey instanceof ECPublicKey) {
            selectors.put(JWSAlgorithm.ES256, new SingleKeyJWSKeySelector<>(JWSAlgorithm.ES256, publicKey));
        }
        if (jwks != null) {
            for (JWSAlgorithm algorithm : Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)) {
                selectors.put(algorithm, new JWSVerificationKeySelector<>(algorithm, jwks));
            }
        }
        return Map.copyOf(selectors);
    }
}
