package dev.switchboard.ice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived TURN credentials of the "TURN REST API" scheme, which coturn checks with
 * {@code use-auth-secret} and {@code static-auth-secret}: the username is {@code <expiry>:<peerId>}, where
 * the expiry is in Unix seconds, and the credential is the base64 of HMAC-SHA1(secret, username). The TURN
 * server recomputes the credential from the username, so nothing is stored anywhere, the secret never
 * leaves the servers, and a leaked credential stops working at its expiry.
 */
public final class TurnCredentials {

    private static final String HMAC_SHA1 = "HmacSHA1";

    /** A username and its credential, valid until {@code expiresAt} (Unix seconds). */
    public record Credential(String username, String credential, long expiresAt) {
    }

    private final SecretKeySpec key;
    private final long ttlSeconds;

    public TurnCredentials(String secret, long ttlSeconds) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the TURN secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA1);
        this.ttlSeconds = ttlSeconds;
    }

    /** A credential for {@code peer}, issued at {@code nowSeconds} (Unix seconds). */
    public Credential issue(String peer, long nowSeconds) {
        long expiresAt = nowSeconds + ttlSeconds;
        String username = expiresAt + ":" + peer;
        return new Credential(username, sign(username), expiresAt);
    }

    private String sign(String username) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1); // not thread-safe, and cheap next to a connection's opening
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) { // every Java platform has HmacSHA1
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
