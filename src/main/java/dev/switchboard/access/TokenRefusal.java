package dev.switchboard.access;

/**
 * Why a token was refused: logged on the server and counted in the metrics (tag {@code reason} of
 * {@code switchboard.tokens.refused}); the client only hears a short word.
 */
public enum TokenRefusal {
    /** No token in the handshake. */
    MISSING("missing"),
    /** Longer than {@link TokenVerifier#MAX_LENGTH} characters. */
    TOO_LARGE("too-large"),
    /** Not a signed JWT, or a JWT whose claims are not of the expected types. */
    MALFORMED("malformed"),
    /** Signed with an algorithm the server does not accept (including {@code none}), or with no key it knows. */
    ALGORITHM("algorithm"),
    /** The signature does not verify. */
    BAD_SIGNATURE("bad-signature"),
    /** Past {@code exp} (beyond the allowed clock skew). */
    EXPIRED("expired"),
    /** Before {@code nbf} or {@code iat} (beyond the allowed clock skew). */
    NOT_YET_VALID("not-yet-valid"),
    /** {@code iss} or {@code aud} is not the configured one. */
    WRONG_ISSUER_OR_AUDIENCE("wrong-issuer-or-audience"),
    /** {@code sub} or {@code exp} is missing. */
    MISSING_CLAIMS("missing-claims"),
    /** The keys could not be fetched from the JWKS URL. */
    KEYS_UNAVAILABLE("keys-unavailable");

    private final String tag;

    TokenRefusal(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
