package dev.switchboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.health.HealthEndpoints;
import dev.switchboard.it.MavenVerifyOnly;
import dev.switchboard.it.ServerUnderTest;
import dev.switchboard.it.TestPeer;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The server as the container image starts it ({@link ImageServer}: the /config the Dockerfile copies,
 * {@code server run} in the foreground), configured only by environment variables as {@code docker run -e}
 * and the OpenShift manifests configure it, with JSON logs. No container engine here: this checks what
 * the image's start relies on, on the same Liberty release.
 */
@MavenVerifyOnly
@TestMethodOrder(OrderAnnotation.class)
class ContainerStartIT {

    /** Liberty prints this line itself, before its logging starts. */
    private static final String LAUNCH_BANNER = "Launching ";
    /**
     * The JVM's own warnings, printed outside Liberty's logging: HotSpot says class-data sharing is limited
     * once Liberty's monitor (there for mpMetrics) appends to the boot class path. The image's OpenJ9 does not.
     */
    private static final String JVM_WARNING = "^.* VM warning: .*";

    private static ImageServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ImageServer.start("containerStartIT", Map.of(
                "WLP_LOGGING_CONSOLE_FORMAT", "JSON",
                "WLP_LOGGING_CONSOLE_LOGLEVEL", "info",
                "WLP_LOGGING_MESSAGE_FORMAT", "JSON",
                "SWITCHBOARD_ROOM_CAPACITY", "3"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** So in the container, where the entry point execs this command, the JVM is PID 1 and gets SIGTERM itself. */
    @Test
    @Order(1)
    void theImagesCommandExecsTheJvmInsteadOfRunningItAsAChild() {
        String command = server.process().info().command().orElseThrow();
        assertEquals("java", Path.of(command).getFileName().toString(), "the process `server run` became: " + command);
    }

    @Test
    @Order(2)
    void environmentVariablesConfigureLibertyAndTheApplication() throws Exception {
        // HTTP_PORT and MANAGEMENT_PORT set the ports (the server answered there: demo page, health);
        // SWITCHBOARD_ROOM_CAPACITY set switchboard.room.capacity
        assertEquals(200, ServerUnderTest.get(server.httpUri("/")).statusCode());
        JsonObject data = ServerUnderTest.signalingData(server.managementUri(HealthEndpoints.READY));
        assertEquals(3, data.getInt("room-capacity"), data.toString());
    }

    @Test
    @Order(3)
    void consoleAndMessagesLogAreJsonLines() throws IOException {
        List<String> console = server.console();
        List<JsonObject> records = json(console.stream().filter(ContainerStartIT::isLibertyOutput).toList());
        assertFalse(records.isEmpty(), "nothing on the console");
        for (JsonObject record : records) {
            assertTrue(record.getString("type", "").startsWith("liberty_"), record.toString());
        }
        assertTrue(records.stream().anyMatch(r -> r.getString("message", "").startsWith("CWWKF0011I")),
                "the server-ready message, as JSON: " + console);
        assertFalse(json(server.messagesLog()).isEmpty());
    }

    /** docker stop and Kubernetes send SIGTERM to PID 1: the application drains before Liberty stops. */
    @Test
    @Order(4)
    void sigtermToTheProcessDrainsTheClientsBeforeLibertyStops() throws Exception {
        try (TestPeer peer = TestPeer.connect(server.webSocketUri("/signal"))) {
            server.process().destroy(); // SIGTERM
            assertEquals(1001, peer.closeCode(), "the client is told the server goes away");
        }
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "the server stopped");
        List<String> messages = json(server.console().stream().filter(ContainerStartIT::isLibertyOutput).toList())
                .stream().map(record -> record.getString("message", "")).toList();
        int drain = indexOf(messages, "draining for shutdown");
        int stopping = indexOf(messages, "CWWKE0085I"); // The server ... is stopping because the JVM is exiting.
        assertTrue(drain < stopping, "drained, then Liberty stopped: " + messages);
    }

    /** A console line Liberty wrote: not its launch banner (printed before its logging starts), not the JVM's. */
    private static boolean isLibertyOutput(String line) {
        return !line.startsWith(LAUNCH_BANNER) && !line.matches(JVM_WARNING);
    }

    /** Each non-blank line as a JSON object; fails on a line that is not one. */
    private static List<JsonObject> json(List<String> lines) {
        List<JsonObject> records = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                try (var reader = Json.createReader(new StringReader(line))) {
                    records.add(reader.readObject());
                } catch (JsonException e) {
                    fail("not a JSON line: " + line);
                }
            }
        }
        return records;
    }

    private static int indexOf(List<String> messages, String text) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no message with '" + text + "' on the console: " + messages);
    }
}
