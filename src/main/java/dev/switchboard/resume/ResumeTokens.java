package dev.switchboard.resume;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resume tokens: 256 random bits, URL-safe base64, one per peer at a time and each good for one resume. A
 * new token replaces the peer's previous one; claiming a token spends it. On a cluster a token ends, as its
 * peer's id does, with a dot and the id of the node that holds the peer, so that any node knows where to
 * take it ({@link Relays}).
 */
final class ResumeTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> peerByToken = new ConcurrentHashMap<>();
    private final Map<String, String> tokenByPeer = new ConcurrentHashMap<>();

    /** A new token for {@code peer}; its previous one is no longer good. */
    String issue(String peer) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String token = ENCODER.encodeToString(bits) + nodeSuffix(peer);
        peerByToken.put(token, peer);
        String previous = tokenByPeer.put(peer, token);
        if (previous != null) {
            peerByToken.remove(previous, peer);
        }
        return token;
    }

    /** The dot and node id that end a cluster peer id; empty for a single node's. */
    private static String nodeSuffix(String peer) {
        int separator = peer.lastIndexOf('.');
        return separator < 0 ? "" : peer.substring(separator);
    }

    /** The peer of {@code token}, without spending it. */
    Optional<String> peerOf(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(peerByToken.get(token));
    }

    /** Spends {@code token}, if it is {@code peer}'s current one; returns whether it was. */
    boolean spend(String token, String peer) {
        if (!peerByToken.remove(token, peer)) {
            return false;
        }
        tokenByPeer.remove(peer, token);
        return true;
    }

    /** {@code peer} is gone: its token is no longer good. */
    void forget(String peer) {
        String token = tokenByPeer.remove(peer);
        if (token != null) {
            peerByToken.remove(token, peer);
        }
    }
}
