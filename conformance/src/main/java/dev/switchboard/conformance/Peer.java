package dev.switchboard.conformance;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * One connection to the server under test, as a client of the protocol sees it: frames it sends, and the
 * frames it receives in order, each checked against its schema as it arrives. Reads wait for a frame up to
 * the kit's timeout and report what came instead (another frame, a close code, nothing).
 */
final class Peer implements AutoCloseable {

    /** How a connection ended: the close code and reason the server sent, or 1006 when it broke without one. */
    record Closed(int code, String reason) {
        @Override
        public String toString() {
            return "closed " + code + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String label;
    private final Duration timeout;
    private final FrameSchemas schemas;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> pong = new CompletableFuture<>();
    private volatile Predicate<JsonNode> ignored = frame -> false;
    private volatile String lastSent = "nothing yet";
    private WebSocket socket;
    private JsonNode welcome;

    private Peer(String label, Duration timeout, FrameSchemas schemas) {
        this.label = label;
        this.timeout = timeout;
        this.schemas = schemas;
    }

    /** Connects and reads the server's {@code welcome}; fails with what the handshake or the server did instead. */
    static Peer connect(Options options, FrameSchemas schemas, String label) {
        return open(options, schemas, label, options.endpoint(), "welcome");
    }

    /** Connects with {@code ?resume=<token>} and reads the server's {@code resumed}. */
    static Peer resume(Options options, FrameSchemas schemas, String label, String resumeToken) {
        URI uri = URI.create(options.endpoint() + "?resume=" + URLEncoder.encode(resumeToken, StandardCharsets.UTF_8));
        return open(options, schemas, label, uri, "resumed");
    }

    private static Peer open(Options options, FrameSchemas schemas, String label, URI uri, String firstType) {
        Peer peer = new Peer(label, options.timeout(), schemas);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(options.timeout());
        if (options.origin() != null) {
            builder.header("Origin", options.origin());
        }
        if (options.token() != null) {
            builder.header("Authorization", "Bearer " + options.token());
        }
        CompletableFuture<WebSocket> opening = builder.buildAsync(uri, peer.new Listener());
        try {
            peer.socket = opening.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CheckFailed(label + " could not connect to " + options.endpoint() + ": " + handshakeFailure(e.getCause()));
        } catch (TimeoutException e) {
            opening.thenAccept(WebSocket::abort); // should it open after all, it is no connection of the kit's
            throw new CheckFailed(label + " could not connect to " + options.endpoint() + " within " + options.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailed("interrupted");
        }
        try {
            peer.welcome = peer.expect(firstType);
        } catch (RuntimeException e) {
            peer.close(); // not handed to a session yet: nobody else would close it
            throw e;
        }
        return peer;
    }

    private static String handshakeFailure(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException refused) {
            return "handshake refused with HTTP " + refused.getResponse().statusCode();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    String label() {
        return label;
    }

    String peerId() {
        return Frames.text(welcome, "peerId");
    }

    /** The connection's first frame: {@code welcome}, or {@code resumed} for a resumed session. */
    JsonNode welcome() {
        return welcome;
    }

    /** Drops the connection without a closing handshake, as a lost network does. */
    void drop() {
        socket.abort();
    }

    /** From now on, reads pass over the frames {@code ignored} accepts. */
    void ignoring(Predicate<JsonNode> ignored) {
        this.ignored = ignored;
    }

    void send(JsonNode message) {
        sendText(message.toString());
    }

    /** Sends {@code text} as one text frame, whatever it holds, and waits until it is written. */
    synchronized void sendText(String text) {
        lastSent = sentDescription(text);
        finish(socket.sendText(text, true), "send a frame");
    }

    /** What a report says the peer last sent: its frame, SDP and token hidden, or its size if it is not JSON. */
    private static String sentDescription(String text) {
        JsonNode frame = text.length() <= 4096 ? Frames.parse(text) : null;
        return frame == null ? "a frame of " + text.length() + " characters" : Frames.quoted(frame);
    }

    synchronized void sendBinary(byte[] data) {
        finish(socket.sendBinary(ByteBuffer.wrap(data), true), "send a binary frame");
    }

    /** Sends a ping and waits for the server's pong. */
    void ping() {
        synchronized (this) {
            finish(socket.sendPing(ByteBuffer.wrap(new byte[] {'c', 'k'})), "send a ping");
        }
        try {
            pong.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CheckFailed(label + " got no pong within " + timeout.toMillis() + " ms" + closedNote());
        } catch (ExecutionException e) {
            throw new CheckFailed(label + " got no pong: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailed("interrupted");
        }
    }

    private void finish(CompletableFuture<WebSocket> sending, String what) {
        try {
            sending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw new CheckFailed(label + " could not " + what + closedNote() + ": " + e.getCause());
        } catch (TimeoutException e) {
            throw new CheckFailed(label + " could not " + what + " within " + timeout.toMillis() + " ms" + closedNote());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailed("interrupted");
        }
    }

    /**
     * The next frame, whatever its type; ICE server refreshes, which may come at any time, and the frames
     * {@link #ignoring} names (other people's presence on a live server) are passed over.
     */
    JsonNode next() {
        while (true) {
            assertFramesConformed();
            JsonNode frame;
            try {
                frame = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CheckFailed("interrupted");
            }
            assertFramesConformed();
            if (frame == null) {
                throw new CheckFailed(label + " received nothing within " + timeout.toMillis() + " ms" + closedNote()
                        + "; it had last sent " + lastSent);
            }
            if (!"ice-servers".equals(Frames.text(frame, "type")) && !ignored.test(frame)) {
                return frame;
            }
        }
    }

    /**
     * The next frame, which must be of {@code type}. A {@code forbidden} or {@code directory-disabled} error
     * instead means the check cannot apply to this server: it is skipped, not failed.
     */
    JsonNode expect(String type) {
        JsonNode frame = next();
        String got = Frames.text(frame, "type");
        if (type.equals(got)) {
            return frame;
        }
        skipWhereNotApplicable(frame, type);
        throw new CheckFailed(label + " expected " + type + ", got " + describe(frame));
    }

    /** The next frame, which must be error {@code code}; {@code forbidden} or {@code directory-disabled} skip, as for {@link #expect}. */
    JsonNode expectError(String code) {
        JsonNode error = expect("error");
        if (!code.equals(Frames.text(error, "code"))) {
            skipWhereNotApplicable(error, "error " + code);
            throw new CheckFailed(label + " expected error " + code + ", got " + describe(error));
        }
        return error;
    }

    private void skipWhereNotApplicable(JsonNode frame, String expected) {
        if (!"error".equals(Frames.text(frame, "type"))) {
            return;
        }
        String code = Frames.text(frame, "code");
        if ("forbidden".equals(code)) {
            throw new CheckSkipped("the access token does not allow it (" + label + " got error forbidden, expecting " + expected + ")");
        }
        if ("directory-disabled".equals(code)) {
            throw new CheckSkipped("the server's directory is disabled");
        }
    }

    /** Waits for the server to close the connection, and says how. */
    Closed awaitClose() {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            JsonNode frame = received.peek();
            throw new CheckFailed(label + " was not closed within " + timeout.toMillis() + " ms"
                    + (frame == null ? "" : "; got " + describe(frame)));
        } catch (ExecutionException e) {
            throw new CheckFailed(label + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailed("interrupted");
        }
    }

    /** Fails when a frame received but not read broke its schema: every frame the kit gets is checked. */
    void assertFramesConformed() {
        if (!violations.isEmpty()) {
            throw new CheckFailed(label + ": " + violations.get(0));
        }
    }

    /** What a frame was, for a report: its type, an error's code, never its SDP. */
    static String describe(JsonNode frame) {
        String type = Frames.text(frame, "type");
        if ("error".equals(type)) {
            return "error " + Frames.text(frame, "code");
        }
        return type == null ? Frames.quoted(frame) : type;
    }

    private String closedNote() {
        Closed end = closed.getNow(null);
        return end == null ? "" : " (" + end + ")";
    }

    /** Says goodbye with a closing handshake (1000), which takes the peer out of its room and the directory. */
    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        if (!closed.isDone() && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the server did not answer the close: dropping the connection is all that is left
            }
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                JsonNode frame = Frames.parse(text);
                if (frame == null) {
                    violations.add("a frame that is not JSON (" + text.length() + " characters, not quoted)");
                } else {
                    String violation = schemas.violation(frame);
                    if (violation != null) {
                        violations.add(violation);
                    }
                    received.add(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            violations.add("a binary frame, which the protocol does not have");
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pong.complete(null);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(1006, "no close frame: " + error.getClass().getSimpleName()));
        }
    }
}
