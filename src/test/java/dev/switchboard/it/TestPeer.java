package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.protocol.ProtocolSchemas;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * A black-box protocol client on the JDK's WebSocket: it sends raw frames and hands received frames
 * back in order, waiting (with a timeout) rather than sleeping.
 *
 * <p>Every frame the server sends is checked against its schema in docs/schemas as it arrives; the first
 * that breaks one fails the test at its next read from this peer, or at {@link #close()} if it reads no more.
 */
public final class TestPeer implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    /** What was wrong with each received frame that broke its schema, in order of arrival. */
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeDescription = "open";
    private final AtomicInteger syncs = new AtomicInteger();
    private final AtomicInteger pings = new AtomicInteger();
    private volatile boolean frozen;
    private final WebSocket socket;
    private final String peerId;
    private final JsonObject welcome;

    /** The resume-failed error a resuming connection got before its welcome; null otherwise. */
    private final JsonObject resumeFailure;

    private TestPeer(URI uri, Map<String, String> headers) {
        this(uri, headers, false);
    }

    /** @param resuming the first frame may be resumed, or a resume-failed error followed by the welcome */
    private TestPeer(URI uri, Map<String, String> headers, boolean resuming) {
        try {
            socket = builder(headers).buildAsync(uri, new Collector())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not connect to " + uri, e);
        }
        JsonObject first = resuming ? next() : next("welcome");
        resumeFailure = "error".equals(first.getString("type")) ? first : null;
        welcome = resumeFailure != null ? next("welcome") : first;
        assertTrue(resuming || "welcome".equals(welcome.getString("type")), () -> "not a welcome: " + welcome);
        peerId = welcome.getString("peerId");
    }

    /**
     * Connects to {@code /signal?resume=token} of the server at {@code signal}: {@link #welcome()} is then
     * {@code resumed}, or a new welcome after the {@link #resumeFailure()}.
     */
    public static TestPeer resume(URI signal, String token) {
        return new TestPeer(URI.create(signal + "?resume=" + token), Map.of(), true);
    }

    /** The resume-failed error before the welcome, or null (resumed, or not resuming). */
    public JsonObject resumeFailure() {
        return resumeFailure;
    }

    /** The token that resumes this peer's session, from its welcome or resumed. */
    public String resumeToken() {
        return welcome.getString("resumeToken");
    }

    private static WebSocket.Builder builder(Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        return builder;
    }

    /** Connects to {@code /signal} and reads the welcome. */
    public static TestPeer connect() {
        return new TestPeer(ServerUnderTest.webSocketUri("/signal"), Map.of());
    }

    /** Connects to {@code /signal} of another server. */
    public static TestPeer connect(LibertyServer server) {
        return new TestPeer(server.webSocketUri("/signal"), Map.of());
    }

    /** Connects to {@code uri} and reads the welcome. */
    public static TestPeer connect(URI uri) {
        return new TestPeer(uri, Map.of());
    }

    /** Connects to {@code uri} with extra handshake headers and reads the welcome. */
    public static TestPeer connect(URI uri, Map<String, String> headers) {
        return new TestPeer(uri, headers);
    }

    /** Connects to {@code /rooms/{room}} and reads the welcome (the room outcome is the next message). */
    public static TestPeer connectToRoom(String room) {
        return new TestPeer(ServerUnderTest.webSocketUri("/rooms/" + room), Map.of());
    }

    /** {@code creator} creates {@code room} and {@code joiner} joins it; the replies and notices are read. */
    public static void meet(TestPeer creator, TestPeer joiner, String room) {
        creator.request("create", room);
        creator.next("created");
        joiner.request("join", room);
        joiner.next("joined");
        creator.next("peer-joined");
    }

    /**
     * Tries a WebSocket handshake with the given Origin header (none when null): 101 when the server
     * accepts it (the connection is closed again at once), else the HTTP status it answered with.
     */
    public static int handshakeStatus(URI uri, String origin) {
        return handshakeStatusWithHeaders(uri, origin == null ? Map.of() : Map.of("Origin", origin));
    }

    /** The HTTP status a handshake with {@code headers} gets: 101 when upgraded, else the refusal's status. */
    public static int handshakeStatusWithHeaders(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        try {
            WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() { })
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("handshake with " + uri + " failed", e);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("handshake with " + uri + " failed", e);
        }
    }

    /** Opens a connection that the server is expected to close before any welcome; returns the close code. */
    public static int closeCodeOfNewConnection(URI uri) {
        return closeCodeOfNewConnection(uri, Map.of());
    }

    /** As {@link #closeCodeOfNewConnection(URI)}, with extra handshake headers. */
    public static int closeCodeOfNewConnection(URI uri, Map<String, String> headers) {
        CompletableFuture<Integer> code = new CompletableFuture<>();
        try {
            WebSocket socket = builder(headers).buildAsync(uri, new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    code.complete(statusCode);
                    return null;
                }

                @Override
                public void onError(WebSocket webSocket, Throwable error) {
                    code.complete(-1);
                }
            }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            int status = code.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            socket.abort();
            return status;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("no close from " + uri, e);
        }
    }

    /** The welcome message this connection began with. */
    public JsonObject welcome() {
        return welcome;
    }

    public String peerId() {
        return peerId;
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /**
     * Sends unless the connection has closed (a flood that the server may cut off at any point). A write
     * that fails because the server closed the TCP connection may fail before the listener hears of the
     * close (seen on Payara Micro): that is a closed connection too, which {@link #closeCode()} then reports.
     */
    public void sendIfOpen(String frame) {
        try {
            socket.sendText(frame, true).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (!socket.isOutputClosed() && !isClosed() && !(e.getCause() instanceof java.io.IOException)) {
                throw e;
            }
        }
    }

    /** Whether a frame of {@code type} has arrived and waits unread (without reading anything). */
    public boolean hasPending(String type) {
        assertFramesMatchSchemas();
        return received.stream().anyMatch(message -> type.equals(message.getString("type", null)));
    }

    /** How many error frames with {@code code} have arrived so far, reading everything that is waiting. */
    public int received(String code) {
        assertFramesMatchSchemas();
        int count = 0;
        for (JsonObject message = received.poll(); message != null; message = received.poll()) {
            if ("error".equals(message.getString("type", null)) && code.equals(message.getString("code", null))) {
                count++;
            }
        }
        return count;
    }

    public void send(JsonObject message) {
        send(message.toString());
    }

    /** Sends a request of {@code type} on {@code room}. */
    public void request(String type, String room) {
        send(Json.createObjectBuilder().add("type", type).add("room", room).build());
    }

    /** Logs in as {@code name}, checks the reply and returns the presence list that follows it. */
    public JsonObject login(String name) {
        send(Json.createObjectBuilder().add("type", "login").add("name", name).build());
        JsonObject reply = next("login");
        assertEquals(true, reply.getBoolean("ok"));
        assertEquals(peerId, reply.getString("peerId"));
        return next("presence");
    }

    /**
     * The next frame, whatever it is. Fails after the timeout, or as soon as nothing is left to read and the
     * server has closed the connection, saying with which code and reason.
     */
    public JsonObject next() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                JsonObject message = received.poll(20, TimeUnit.MILLISECONDS);
                if (message != null) {
                    assertFramesMatchSchemas();
                    return message;
                }
                if (isClosed() && received.isEmpty()) {
                    fail("closed by the server (" + closeDescription() + ") with no message left (" + who() + ")");
                }
                if (System.nanoTime() > deadline) {
                    fail("no message within " + WAIT + " (" + who() + ")");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String who() {
        return peerId == null ? "a new connection, before its welcome" : "peer " + peerId;
    }

    /** How the connection closed, as the client saw it: code and reason, or the error. */
    public String closeDescription() {
        return closeDescription;
    }

    /** The next frame, which must be of {@code type}. */
    public JsonObject next(String type) {
        JsonObject message = next();
        assertEquals(type, message.getString("type", null), () -> "unexpected message " + message);
        return message;
    }

    /** The next frame, which must be an error with {@code code}. */
    public JsonObject nextError(String code) {
        JsonObject error = next("error");
        assertEquals(code, error.getString("code"), () -> "unexpected error " + error);
        assertNotNull(error.getString("message", null));
        return error;
    }

    /**
     * Waits until the server has handled everything this peer sent so far (it handles one peer's frames in
     * order, and answers an unknown type with an error), and checks nothing else arrived meanwhile.
     */
    public void sync() {
        String marker = "sync-" + syncs.incrementAndGet();
        send(Json.createObjectBuilder().add("type", "sync").add("id", marker).build());
        JsonObject reply = nextError("unknown-type");
        assertEquals(marker, reply.getString("ref"));
    }

    /**
     * Waits until the server has handled everything this peer sent so far, like {@link #sync()}, and
     * returns every frame that arrived before the server's answer to the sync.
     */
    public List<JsonObject> syncCollecting() {
        String marker = "sync-" + syncs.incrementAndGet();
        send(Json.createObjectBuilder().add("type", "sync").add("id", marker).build());
        List<JsonObject> before = new ArrayList<>();
        for (JsonObject message = next(); !marker.equals(message.getString("ref", null)); message = next()) {
            before.add(message);
        }
        return before;
    }

    /** Asserts nothing is waiting unread; meaningful after a {@link #sync()} of every peer that could send. */
    public void assertNothingReceived() {
        assertFramesMatchSchemas();
        JsonObject stray = received.peek();
        if (stray != null) {
            fail("unexpected message " + stray);
        }
    }

    /** The close code the server sent, waiting for it. */
    public int closeCode() {
        try {
            return closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("connection was not closed by the server within " + WAIT, e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** How many pings the server sent so far (the JDK answers each with a pong). */
    public int pings() {
        return pings.get();
    }

    /**
     * Stops reading from the connection, like a hung client: no more frames are processed, so no more
     * pings are answered, while the TCP connection stays open.
     */
    public void freeze() {
        frozen = true;
    }

    /** Reads again after {@link #freeze()}: what waited in the connection arrives, in order. */
    public void thaw() {
        frozen = false;
        socket.request(1);
    }

    /** Everything received and not yet read, in order, without waiting. */
    public List<JsonObject> takeAll() {
        assertFramesMatchSchemas();
        List<JsonObject> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    /** Waits until the server has pinged this peer {@code count} times in all. */
    public void awaitPings(int count) {
        Awaitility.await(count + " pings").atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertTrue(pings.get() >= count, "only " + pings.get() + " of " + count + " pings"));
    }

    /** Drops the TCP connection without a closing handshake, like a crashed browser. */
    public void abort() {
        socket.abort();
    }

    /** Closes, then fails if a frame received and never read broke its schema. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
        assertFramesMatchSchemas();
    }

    /** Fails with the first frame so far that broke its schema: which frame, which rule, and how many more. */
    private void assertFramesMatchSchemas() {
        if (!violations.isEmpty()) {
            fail(who() + " received a frame that breaks the protocol: " + violations.get(0)
                    + (violations.size() > 1 ? "\n(and " + (violations.size() - 1) + " more)" : ""));
        }
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String violation = ProtocolSchemas.shared().serverFrameViolation(partial.toString());
                if (violation != null) {
                    violations.add(violation);
                }
                try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                    received.add(reader.readObject());
                } catch (RuntimeException e) { // kept, so the test sees it, rather than ending the listener
                    received.add(Json.createObjectBuilder().add("type", "<unreadable frame>").build());
                }
                partial.setLength(0);
            }
            requestMore(webSocket);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            requestMore(webSocket); // the JDK answers the ping itself
            return null;
        }

        private void requestMore(WebSocket webSocket) {
            if (!frozen) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            received.add(Json.createObjectBuilder().add("type", "<binary frame>").build());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeDescription = "code " + statusCode + ", reason \"" + reason + "\"";
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeDescription = "error " + error;
            closeCode.complete(-1);
        }
    }
}
