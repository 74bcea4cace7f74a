package dev.switchboard.connection;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Peer ids: 128 random bits, URL-safe base64 (22 characters). Unguessable, so an id is a capability.
 * A cluster extends them with the node that holds the connection.
 */
@ApplicationScoped
public class PeerIds {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    public String next() {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return ENCODER.encodeToString(bits);
    }
}
