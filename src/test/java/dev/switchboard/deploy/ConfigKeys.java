package dev.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The MicroProfile Config keys the application reads, found where it reads them: every
 * {@code @ConfigProperty(name = ..., defaultValue = ...)} under src/main/java.
 */
final class ConfigKeys {

    private static final Pattern PROPERTY = Pattern.compile(
            "@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"(?:\\s*,\\s*defaultValue\\s*=\\s*\"([^\"]*)\")?\\s*\\)");

    /** Key to default ("" when the key has none). */
    private final Map<String, String> defaults;

    private ConfigKeys(Map<String, String> defaults) {
        this.defaults = defaults;
    }

    static ConfigKeys read() {
        Map<String, String> defaults = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Project.file("src/main/java"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher property = PROPERTY.matcher(Files.readString(file));
                while (property.find()) {
                    defaults.putIfAbsent(property.group(1), property.group(2) == null ? "" : property.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (defaults.isEmpty()) {
            throw new AssertionError("no @ConfigProperty found under src/main/java: is the pattern still right?");
        }
        return new ConfigKeys(defaults);
    }

    /**
     * The environment variable MicroProfile Config reads for {@code key}: every character that is not a
     * letter or digit becomes '_', then all in capitals ({@code switchboard.room.capacity} is
     * {@code SWITCHBOARD_ROOM_CAPACITY}). Liberty maps its server.xml variables to environment variables
     * the same way ({@code http.port} is {@code HTTP_PORT}).
     */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The key read from environment variable {@code name}, if the application reads one. */
    Optional<String> keyOf(String name) {
        return defaults.keySet().stream().filter(key -> environmentName(key).equals(name)).findFirst();
    }

    /** The number the application uses for {@code key} when {@code environment} sets nothing else. */
    long value(String key, Map<String, String> environment) {
        if (!defaults.containsKey(key)) {
            throw new AssertionError("the application reads no key " + key);
        }
        return Long.parseLong(environment.getOrDefault(environmentName(key), defaults.get(key)));
    }
}
