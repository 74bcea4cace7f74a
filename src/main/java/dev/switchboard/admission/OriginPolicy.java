package dev.switchboard.admission;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which web origins may open a WebSocket here. Browsers send the page's origin with every WebSocket
 * handshake and let any page connect anywhere, so without this check any web site could open a
 * signaling connection in its visitors' name.
 *
 * <p>Allowed: the server's own origin (the Origin's host and port equal the Host header), every entry of
 * the allowlist, and, when {@code allowMissing}, handshakes without an Origin (not from a browser: such
 * clients can claim any origin anyway, so refusing them protects nobody). An entry is an origin
 * ({@code https://app.example.com}), optionally with {@code :*} for any port, or {@code *} for all.
 */
public final class OriginPolicy {

    private final List<String> allowed;
    private final boolean allowMissing;

    public OriginPolicy(List<String> allowed, boolean allowMissing) {
        this.allowed = allowed.stream().map(String::trim).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
        this.allowMissing = allowMissing;
    }

    /** @param origin the Origin header, or null; @param host the Host header, or null */
    public boolean allows(String origin, String host) {
        if (origin == null || origin.isEmpty()) {
            return allowMissing;
        }
        Optional<URI> parsed = parse(origin);
        if (parsed.isEmpty()) {
            return false; // "null" (sandboxed pages, file:) and garbage
        }
        URI uri = parsed.get();
        String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
        if (host != null && authority.equals(host.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String exact = scheme + "://" + authority;
        String anyPort = scheme + "://" + hostOnly(uri) + ":*";
        return allowed.contains("*") || allowed.contains(exact) || allowed.contains(anyPort);
    }

    private static Optional<URI> parse(String origin) {
        try {
            URI uri = new URI(origin);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return web && uri.getRawAuthority() != null && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String hostOnly(URI uri) {
        return uri.getHost().toLowerCase(Locale.ROOT);
    }
}
