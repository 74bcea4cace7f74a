package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Where the server the build started for the integration tests listens, and what it reports. */
public final class ServerUnderTest {

    /** HTTP/1.1 only: the JDK client's h2c upgrade attempt can stall a plain-HTTP exchange. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private ServerUnderTest() {
    }

    /**
     * The port the build reserved for the server ({@code mvn verify}); under {@code mvn liberty:dev}, which
     * reserves none, the port dev mode says its server listens on.
     */
    public static String port() {
        String reserved = System.getProperty("switchboard.it.http.port", "");
        return reserved.matches("[0-9]+") ? reserved : System.getProperty("liberty.http.port", "9080");
    }

    /**
     * The port of {@code /health} and {@code /metrics}: the management port the build reserved (Liberty), the
     * one port (Payara Micro); under {@code mvn liberty:dev}, server.xml's default.
     */
    public static String managementPort() {
        String reserved = System.getProperty("switchboard.it.management.port", "");
        return reserved.matches("[0-9]+") ? reserved : "9081";
    }

    public static URI managementUri(String path) {
        return URI.create("http://localhost:" + managementPort() + path);
    }

    public static URI webSocketUri(String path) {
        return URI.create("ws://localhost:" + port() + path);
    }

    public static URI httpUri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    public static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(httpUri(path));
    }

    /** GETs {@code uri}, failing rather than waiting forever. */
    public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Waits until {@code readyUri} answers 200: the server is up and its application ready. */
    public static void awaitReady(URI readyUri, String server) {
        Awaitility.await(server + " ready at " + readyUri).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                .until(() -> get(readyUri).statusCode() == 200);
    }

    /** A TCP port nothing listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A room name no other test uses. */
    public static String uniqueRoom() {
        return "t-" + UUID.randomUUID();
    }

    /** The data of the readiness check: rooms, peers-in-rooms, logged-in, connections. */
    static JsonObject registryData() throws IOException, InterruptedException {
        return signalingData(managementUri("/health/ready"));
    }

    /** The data of the signaling health check at {@code healthUri}. */
    public static JsonObject signalingData(URI healthUri) throws IOException, InterruptedException {
        JsonObject health = json(get(healthUri).body());
        return health.getJsonArray("checks").getJsonObject(0).getJsonObject("data");
    }

    /**
     * Waits until the server holds no room and no connection: whatever the tests opened has been cleaned
     * up. Closing is asynchronous, so this polls the readiness data until it is true or the time is up.
     */
    static void awaitNoRoomsAndNoConnections() throws IOException, InterruptedException {
        awaitData(managementUri("/health/ready"), data -> count(data, "rooms") == 0 && count(data, "connections") == 0
                && count(data, "peers-in-rooms") == 0 && count(data, "logged-in") == 0,
                "server still holds state after the tests closed every connection");
    }

    /**
     * A count in a health check's data. The check reports a {@code long}; how that is written is the
     * runtime's MicroProfile Health: Open Liberty writes a JSON number, Payara Micro a string.
     */
    static long count(JsonObject data, String key) {
        JsonValue value = data.get(key);
        if (value instanceof JsonNumber number) {
            return number.longValueExact();
        }
        if (value instanceof JsonString text) {
            return Long.parseLong(text.getString());
        }
        throw new AssertionError("no count " + key + " in " + data);
    }

    /** Waits until the server at {@code server} (Liberty or Payara Micro) holds exactly {@code count} connections, no room and no peer in one. */
    static void awaitNoRoomsAndConnections(ServerAddress server, int count) {
        try {
            awaitData(server.managementUri("/health/ready"), data -> count(data, "connections") == count
                    && count(data, "rooms") == 0 && count(data, "peers-in-rooms") == 0,
                    "expected " + count + " connections and no rooms");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code server} holds exactly {@code count} connections. */
    static void awaitConnections(LibertyServer server, int count) {
        awaitData(server, data -> data.getInt("connections") == count, "expected " + count + " connections");
    }

    /** Waits until {@code server} holds no room and no peer in one. */
    static void awaitNoRooms(LibertyServer server) {
        awaitData(server, data -> data.getInt("rooms") == 0 && data.getInt("peers-in-rooms") == 0,
                "rooms left behind");
    }

    private static void awaitData(LibertyServer server, Predicate<JsonObject> condition, String failure) {
        try {
            awaitData(server.managementUri("/health/ready"), condition, failure);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitData(URI healthUri, Predicate<JsonObject> condition, String failure)
            throws IOException, InterruptedException {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            JsonObject data = signalingData(healthUri);
            assertTrue(condition.test(data), () -> failure + ": " + data);
        });
    }
}
