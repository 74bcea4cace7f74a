package dev.switchboard.ice;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code switchboard.ice.*} configures: STUN URLs for everyone, and TURN URLs with the shared secret
 * their credentials are signed with. Checked once, at start: a URL of the wrong scheme, or a lifetime too
 * short to refresh in time, stops the application with a message that names the key.
 */
public record IceSettings(List<String> stunUrls, List<String> turnUrls, Optional<String> turnSecret, long turnTtlSeconds) {

    /** The shortest credential lifetime: refreshes need a few seconds' margin. */
    public static final long MIN_TTL_SECONDS = 10;

    public IceSettings {
        stunUrls = List.copyOf(stunUrls);
        turnUrls = List.copyOf(turnUrls);
        turnSecret = turnSecret.filter(secret -> !secret.isBlank());
        requireSchemes("switchboard.ice.stun-urls", stunUrls, "stun:", "stuns:");
        requireSchemes("switchboard.ice.turn-urls", turnUrls, "turn:", "turns:");
        if (turnTtlSeconds < MIN_TTL_SECONDS) {
            throw new IllegalArgumentException("switchboard.ice.turn-ttl-seconds must be at least " + MIN_TTL_SECONDS);
        }
    }

    /** Settings from the configuration's raw values: comma-separated URL lists, possibly absent. */
    public static IceSettings of(Optional<String> stunUrls, Optional<String> turnUrls, Optional<String> turnSecret,
                                 long turnTtlSeconds) {
        return new IceSettings(urls(stunUrls), urls(turnUrls), turnSecret, turnTtlSeconds);
    }

    /** Whether clients are given TURN servers: both URLs and the secret are configured. */
    public boolean turn() {
        return !turnUrls.isEmpty() && turnSecret.isPresent();
    }

    private static List<String> urls(Optional<String> commaSeparated) {
        return commaSeparated.stream()
                .flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::strip)
                .filter(url -> !url.isEmpty())
                .toList();
    }

    private static void requireSchemes(String key, List<String> urls, String... schemes) {
        for (String url : urls) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (Arrays.stream(schemes).noneMatch(scheme -> lower.startsWith(scheme) && lower.length() > scheme.length())) {
                throw new IllegalArgumentException(key + " holds \"" + url + "\": each URL must start with "
                        + String.join(" or ", schemes));
            }
        }
    }
}
