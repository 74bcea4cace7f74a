package dev.switchboard.it;

import java.net.URI;

/** Where the server the build started for the integration tests listens. */
final class ServerUnderTest {

    private ServerUnderTest() {
    }

    static String port() {
        return System.getProperty("switchboard.it.http.port", "9080");
    }

    static URI webSocketUri(String path) {
        return URI.create("ws://localhost:" + port() + path);
    }

    static URI httpUri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }
}
