package dev.switchboard.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void aBareUrlTakesTheDefaults() throws Exception {
        Options options = Options.parse("ws://localhost:9080");
        assertEquals(URI.create("ws://localhost:9080/signal"), options.endpoint());
        assertNull(options.origin());
        assertNull(options.token());
        assertTrue(options.only().isEmpty());
        assertEquals(Duration.ofMillis(5000), options.timeout());
        assertEquals(2, options.capacity());
    }

    @Test
    void everyOptionIsRead() throws Exception {
        Options options = Options.parse("--origin", "https://app.example.com", "wss://signal.example.com/",
                "--token", "eyJ.secret.token", "--path", "/ws/signal", "--only", "create, join,,leave",
                "--timeout-ms", "1500", "--room-capacity", "4");
        assertEquals(URI.create("wss://signal.example.com/ws/signal"), options.endpoint());
        assertEquals("https://app.example.com", options.origin());
        assertEquals("eyJ.secret.token", options.token());
        assertEquals(Set.of("create", "join", "leave"), options.only());
        assertEquals(Duration.ofMillis(1500), options.timeout());
        assertEquals(4, options.capacity());
    }

    @Test
    void theTokenIsNeverPrinted() throws Exception {
        Options options = Options.parse("ws://h:1", "--token", "eyJ.secret.token");
        assertFalse(options.toString().contains("secret"), options.toString());
    }

    @Test
    void commandLinesThatCannotRunAreRefusedWithTheReason() {
        assertRefused("the server's ws:// or wss:// URL is missing");
        assertRefused("must be ws://host[:port] or wss://host[:port]", "http://localhost:9080");
        assertRefused("must be ws://host[:port] or wss://host[:port]", "localhost:9080");
        assertRefused("takes no query", "ws://h:1/?access_token=x");
        assertRefused("one server URL only", "ws://a:1", "ws://b:1");
        assertRefused("unknown option --verbose", "ws://h:1", "--verbose");
        assertRefused("--origin needs a value", "ws://h:1", "--origin");
        assertRefused("--token needs a value", "ws://h:1", "--token", "--origin", "x");
        assertRefused("--path must start with /", "ws://h:1", "--path", "signal");
        assertRefused("positive number of milliseconds, got 0", "ws://h:1", "--timeout-ms", "0");
        assertRefused("positive number of milliseconds, got soon", "ws://h:1", "--timeout-ms", "soon");
        assertRefused("from 2 (the server's minimum) to 16, got 1", "ws://h:1", "--room-capacity", "1");
        assertRefused("from 2 (the server's minimum) to 16, got 17", "ws://h:1", "--room-capacity", "17");
    }

    private static void assertRefused(String reason, String... args) {
        Options.UsageException refused = assertThrows(Options.UsageException.class, () -> Options.parse(args));
        assertTrue(refused.getMessage().contains(reason), () -> "expected \"" + reason + "\", got \"" + refused.getMessage() + "\"");
    }
}
