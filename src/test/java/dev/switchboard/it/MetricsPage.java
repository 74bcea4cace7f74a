package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * What a server's {@code /metrics} said at one moment, application scope, read from the Prometheus text:
 * each sample by its name and tags (without the {@code mp_scope} tag every one of them has).
 */
final class MetricsPage {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern TAG = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> samples;
    private final String text;

    private MetricsPage(Map<String, Double> samples, String text) {
        this.samples = samples;
        this.text = text;
    }

    /** Reads the application metrics of the server under test. */
    static MetricsPage read() {
        return read(ServerUnderTest.managementUri("/"));
    }

    /** Reads the application metrics of the server whose management port (Liberty; Payara Micro: its one port) is at {@code base}. */
    static MetricsPage read(URI base) {
        HttpResponse<String> response;
        try {
            response = ServerUnderTest.get(base.resolve("/metrics?scope=application"));
        } catch (IOException e) {
            throw new AssertionError("GET /metrics failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertEquals(200, response.statusCode(), response.body());
        return parse(response.body());
    }

    static MetricsPage parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> tags = new TreeMap<>();
            Matcher tag = TAG.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (tag.find()) {
                tags.put(tag.group(1), tag.group(2));
            }
            tags.remove("mp_scope");
            samples.put(key(sample.group(1), tags), Double.parseDouble(sample.group(3)));
        }
        return new MetricsPage(samples, text);
    }

    private static String key(String name, Map<String, String> tags) {
        return name + new TreeMap<>(tags);
    }

    /** The sample {@code name} with exactly these tags ({@code "reason", "full"}, ...); fails if there is none. */
    double value(String name, String... tags) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < tags.length; i += 2) {
            wanted.put(tags[i], tags[i + 1]);
        }
        Double value = samples.get(key(name, wanted));
        if (value == null) {
            fail("no sample " + key(name, wanted) + " in /metrics:\n" + text);
        }
        return value;
    }

    /**
     * Waits until the server at {@code base} reports {@code expected} for the sample, then returns; fails after
     * ten seconds with the value it reports. The server counts some things just after the client sees them.
     */
    static void await(URI base, double expected, String name, String... tags) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertEquals(expected, read(base).value(name, tags), () -> name + " " + String.join(",", tags)));
    }

    /** As {@link #await(URI, double, String, String...)}, on the server under test. */
    static void await(double expected, String name, String... tags) {
        await(ServerUnderTest.managementUri("/"), expected, name, tags);
    }
}
