package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The WAR serves the demo pages and the client library, with types browsers accept for ES modules. */
class DemoPagesIT {

    @ParameterizedTest
    @CsvSource({
        "/, text/html, Switchboard",
        "/room.html, text/html, video call",
        "/chat.html, text/html, data-channel chat",
        "/directory.html, text/html, Who is online",
        "/js/switchboard.js, text/javascript, export class SignalingClient",
        "/js/switchboard.d.ts, text/plain, export class PeerMesh",
        "/css/demo.css, text/css, .videos"})
    void isServed(String path, String contentType, String content) throws Exception {
        HttpResponse<String> response = ServerUnderTest.get(path);
        assertEquals(200, response.statusCode(), path);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(contentType),
                path + " served as " + response.headers().firstValue("Content-Type"));
        assertTrue(response.body().contains(content), path);
    }
}
