package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.health.HealthEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Black-box, on a server configured as shipped: the application's port (the one a Route exposes) serves the
 * application and never /health or /metrics; the management port serves those and never the application.
 * Requests are written by hand so that they can carry the Host header a router sends.
 */
class ManagementPortIT {

    /** What OpenShift's router sends: the Route's host, no port (HTTP's default, 80) or 443. */
    private static final List<String> ROUTED_HOSTS = List.of("switchboard.apps.example.com", "switchboard.apps.example.com:443");
    private static final List<String> OPERATIONAL_PATHS = List.of(HealthEndpoints.READY, HealthEndpoints.LIVE,
            HealthEndpoints.STARTED, "/health", "/metrics", "/metrics?scope=application", "/ibm/api/");

    @RegisterExtension
    static final ExtraServer server = new ExtraServer("managementPortIT", Map.of());

    @Test
    void theApplicationsPortServesNeitherHealthNorMetricsWhateverTheHost() throws IOException {
        for (String host : hostsOf(server.httpUri("/"))) {
            for (String path : OPERATIONAL_PATHS) {
                assertEquals(404, status(server.httpUri(path), host, Map.of()), "GET " + path + " with Host " + host);
            }
        }
    }

    @Test
    void theApplicationsPortServesThePagesAndTheWebSocketForARoutersHostToo() throws IOException {
        for (String host : hostsOf(server.httpUri("/"))) {
            assertEquals(200, status(server.httpUri("/"), host, Map.of()), "the demo page with Host " + host);
            assertEquals(200, status(server.httpUri("/js/switchboard.js"), host, Map.of()), "the client library with Host " + host);
            String origin = "https://" + host; // a page of the same origin as the Host
            assertEquals(101, status(server.httpUri("/signal"), host, Map.of("Origin", origin, "Connection", "Upgrade",
                    "Upgrade", "websocket", "Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")),
                    "the WebSocket handshake with Host " + host);
        }
    }

    @Test
    void theManagementPortServesHealthAndMetricsAndNotTheApplication() throws IOException {
        URI management = server.managementUri("/");
        String host = management.getAuthority();
        for (String path : List.of(HealthEndpoints.READY, HealthEndpoints.LIVE, HealthEndpoints.STARTED, "/metrics")) {
            assertEquals(200, status(management.resolve(path), host, Map.of()), "GET " + path + " on the management port");
        }
        assertEquals(404, status(management.resolve("/js/switchboard.js"), host, Map.of()), "the client library on the management port");
        assertEquals(404, status(management.resolve("/signal"), host, Map.of("Connection", "Upgrade", "Upgrade", "websocket",
                "Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")), "the WebSocket on the management port");
    }

    /** The Host headers a client of the application's port sends: a direct caller's, and a router's. */
    private static List<String> hostsOf(URI direct) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(direct.getAuthority()), ROUTED_HOSTS.stream()).toList();
    }

    /** The status of a GET of {@code uri} sent with Host {@code host} and {@code headers}, from its status line. */
    private static int status(URI uri, String host, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\nHost: " + host + "\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append(headers.containsKey("Connection") ? "" : "Connection: close\r\n").append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = readLine(socket.getInputStream());
            assertTrue(statusLine.startsWith("HTTP/1.1 "), "not an HTTP response: " + statusLine);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
