package dev.switchboard.access;

import static dev.switchboard.fuzz.FuzzedText.anyText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Whatever a client presents as a token: {@link TokenVerifier#verify} never throws, and accepts nothing but
 * the claims that were signed. Inputs are either any text, or a valid token with characters changed.
 */
class TokenVerifierFuzzTest {

    private static final TokenVerifier VERIFIER = new TokenVerifier(Tokens.SECRET.getBytes(StandardCharsets.UTF_8),
            null, null, null, null, Duration.ofSeconds(30), Clock.systemUTC());
    private static final String VALID = Tokens.hs256(Tokens.claims("alice", Tokens.grants(List.of("team-*"), true, true))
            .claim("name", "Alice").build());
    private static final AccessToken SIGNED = ((Verification.Accepted) VERIFIER.verify(VALID)).token();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";

    @FuzzTest(maxDuration = "2m")
    void verify(FuzzedDataProvider data) {
        String token = data.consumeBoolean() ? anyText(data) : mutated(data);
        if (VERIFIER.verify(token) instanceof Verification.Accepted accepted) {
            // base64url leaves a few bits of the last character unused: such a change still verifies
            assertEquals(SIGNED, accepted.token(), () -> "accepted a token with other claims: " + token);
        }
    }

    /** The valid token with a few characters replaced, inserted or removed. */
    private static String mutated(FuzzedDataProvider data) {
        StringBuilder token = new StringBuilder(VALID);
        int changes = data.consumeInt(1, 4);
        for (int i = 0; i < changes && data.remainingBytes() > 0; i++) {
            int at = data.consumeInt(0, token.length() - 1);
            char replacement = ALPHABET.charAt(data.consumeInt(0, ALPHABET.length() - 1));
            switch (data.consumeInt(0, 2)) {
                case 0 -> token.setCharAt(at, replacement);
                case 1 -> token.insert(at, replacement);
                default -> token.deleteCharAt(at);
            }
        }
        return token.toString();
    }
}
