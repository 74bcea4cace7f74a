package dev.switchboard.access;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may connect, and what each connection may do: {@code switchboard.auth.mode=none} (the default) lets
 * everyone do everything; {@code token} requires a valid access token at the handshake, and its grants
 * decide the rooms and the directory (see {@link Access}).
 */
@ApplicationScoped
public class AccessControl {

    /** The least HS256 secret, in bytes: what RFC 7518 requires of an HS256 key. */
    static final int MIN_SECRET_BYTES = 32;
    /** The least time between two fetches of the JWKS, also when a token names a key it does not hold. */
    static final long JWKS_REFETCH_MILLIS = 5_000;

    private TokenVerifier verifier;

    protected AccessControl() { // for the CDI proxy
    }

    @Inject
    public AccessControl(
            @ConfigProperty(name = "switchboard.auth.mode", defaultValue = "none") String mode,
            @ConfigProperty(name = "switchboard.auth.jwt.secret") Optional<String> secret,
            @ConfigProperty(name = "switchboard.auth.jwt.public-key") Optional<String> publicKey,
            @ConfigProperty(name = "switchboard.auth.jwt.jwks-uri") Optional<String> jwksUri,
            @ConfigProperty(name = "switchboard.auth.jwt.issuer") Optional<String> issuer,
            @ConfigProperty(name = "switchboard.auth.jwt.audience") Optional<String> audience,
            @ConfigProperty(name = "switchboard.auth.clock-skew-seconds", defaultValue = "30") long skewSeconds) {
        this(verifier(mode, secret, publicKey, jwksUri, issuer, audience, skewSeconds));
    }

    /** @param verifier null for no access control */
    public AccessControl(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** Whether a connection needs a token. */
    public boolean required() {
        return verifier != null;
    }

    public Verification verify(String token) {
        if (verifier == null) {
            throw new IllegalStateException("access control is off");
        }
        return verifier.verify(token);
    }

    private static TokenVerifier verifier(String mode, Optional<String> secret, Optional<String> publicKey,
                                          Optional<String> jwksUri, Optional<String> issuer,
                                          Optional<String> audience, long skewSeconds) {
        switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "none":
                return null;
            case "token":
                break;
            default:
                throw new IllegalArgumentException("switchboard.auth.mode must be none or token, not " + mode);
        }
        if (skewSeconds < 0) {
            throw new IllegalArgumentException("switchboard.auth.clock-skew-seconds must not be negative");
        }
        byte[] key = secret.filter(s -> !s.isEmpty()).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (key != null && key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("switchboard.auth.jwt.secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (publicKey.isPresent() && jwksUri.isPresent()) {
            throw new IllegalArgumentException(
                    "set switchboard.auth.jwt.public-key or switchboard.auth.jwt.jwks-uri, not both");
        }
        PublicKey pem = publicKey.map(TokenVerifier::publicKey).orElse(null);
        JWKSource<SecurityContext> keys = jwksUri.map(AccessControl::jwks).orElse(null);
        if (key == null && pem == null && keys == null) {
            throw new IllegalArgumentException("switchboard.auth.mode=token needs switchboard.auth.jwt.secret, "
                    + "switchboard.auth.jwt.public-key or switchboard.auth.jwt.jwks-uri");
        }
        return new TokenVerifier(key, pem, keys, issuer.orElse(null), audience.orElse(null),
                Duration.ofSeconds(skewSeconds), Clock.systemUTC());
    }

    /** The keys at {@code uri}: cached, fetched again for a key id it does not hold, at most every 5 s. */
    static JWKSource<SecurityContext> jwks(String uri) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(uri).toURL())
                    .rateLimited(JWKS_REFETCH_MILLIS)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("switchboard.auth.jwt.jwks-uri is not a URL: " + uri);
        }
    }
}
