package dev.switchboard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code switchboard.auth.*}: what starts, and what stops the application with a message naming the key. */
class AccessControlTest {

    private static AccessControl configured(String mode, String secret, String publicKey, String jwksUri) {
        return new AccessControl(mode, Optional.ofNullable(secret), Optional.ofNullable(publicKey),
                Optional.ofNullable(jwksUri), Optional.empty(), Optional.empty(), 30);
    }

    private static String pem(RSAKey key) throws Exception {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void modeNoneRequiresNoToken() {
        assertFalse(configured("none", null, null, null).required());
        assertFalse(configured("none", "too-short", null, null).required(), "keys are not read with mode none");
    }

    @Test
    void modeTokenWithASecretChecksHs256Tokens() {
        AccessControl control = configured("token", Tokens.SECRET, null, null);
        assertTrue(control.required());
        assertInstanceOf(Verification.Accepted.class,
                control.verify(Tokens.hs256(Tokens.claims("alice", null).build())));
    }

    @Test
    void modeTokenWithAPemPublicKeyChecksRs256Tokens() throws Exception {
        RSAKey key = Tokens.rsaKey();
        AccessControl control = configured("token", null, pem(key), null);
        assertInstanceOf(Verification.Accepted.class,
                control.verify(Tokens.rs256(Tokens.claims("alice", null).build(), key)));
    }

    @Test
    void modeTokenWithAPemEcKeyChecksEs256Tokens() throws Exception {
        ECKey key = Tokens.ecKey();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toECPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        AccessControl control = configured("token", null, pem, null);
        assertInstanceOf(Verification.Accepted.class,
                control.verify(Tokens.es256(Tokens.claims("alice", null).build(), key)));
        assertEquals(TokenRefusal.ALGORITHM, ((Verification.Refused) control.verify(
                Tokens.rs256(Tokens.claims("alice", null).build(), Tokens.rsaKey()))).reason());
    }

    @Test
    void anHs256TokenMacedWithThePemTextOrKeyIsRefused() throws Exception {
        RSAKey key = Tokens.rsaKey();
        String pem = pem(key);
        AccessControl control = configured("token", null, pem, null);
        for (byte[] secret : List.of(pem.getBytes(StandardCharsets.UTF_8), key.toRSAPublicKey().getEncoded())) {
            Verification verification = control.verify(Tokens.hs256(Tokens.claims("alice", null).build(), secret));
            assertEquals(TokenRefusal.ALGORITHM, ((Verification.Refused) verification).reason());
        }
    }

    @Test
    void modeTokenNeedsAKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> configured("token", null, null, null));
        assertTrue(error.getMessage().contains("switchboard.auth.jwt.secret"), error.getMessage());
    }

    @Test
    void aSecretUnder32BytesIsRefusedWithoutBeingPrinted() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> configured("token", "only-31-bytes-of-secret-xxxxxxx", null, null));
        assertTrue(error.getMessage().contains("at least 32 bytes"), error.getMessage());
        assertFalse(error.getMessage().contains("only-31"), error.getMessage());
    }

    @Test
    void anUnknownModeAndBadKeysAreRefused() {
        for (Runnable bad : List.<Runnable>of(
                () -> configured("jwt", Tokens.SECRET, null, null),
                () -> configured("token", null, "not a pem", null),
                () -> configured("token", null, null, "not a url"),
                () -> configured("token", null, "-----BEGIN PUBLIC KEY-----", "https://keys.example/jwks"))) {
            assertThrows(IllegalArgumentException.class, bad::run);
        }
    }
}
