package dev.switchboard.bench;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection. Frames with a probe go to the {@link Handler}; control frames are read by the
 * {@link Dialect}. Sends keep their order: the JDK's WebSocket allows one outstanding send, so each send
 * is chained after the one before.
 */
final class Peer implements WebSocket.Listener {

    /** What a scenario does with what its peers receive; called on the client's threads. */
    interface Handler {
        void probe(Peer receiver, Probe probe, long receivedNanos);

        default void control(Peer peer, Dialect.Kind kind) {
        }
    }

    private static final Handler IGNORE = (receiver, probe, nanos) -> { };

    final int index;
    final String id;
    final Dialect dialect;
    final CompletableFuture<Peer> ready = new CompletableFuture<>();
    /** The other member of this peer's room (or, without rooms, the peer it talks to). */
    volatile Peer partner;
    /** The last sequence number received from the partner; the receiving side only. */
    volatile long lastSeq = -1;
    /** Touched by the one thread that drives a scenario's sends. */
    long nextSeq;

    private final AtomicLong errors;
    private final StringBuilder partial = new StringBuilder();
    private volatile Handler handler = IGNORE;
    private volatile CompletableFuture<Dialect.Kind> entry = CompletableFuture.completedFuture(Dialect.Kind.ENTERED);
    private WebSocket socket;
    /** Completes when the connection is gone: the server's close frame read, or the connection failed. */
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private Peer(int index, Dialect dialect, AtomicLong errors) {
        this.index = index;
        this.id = String.format("p%07d", index);
        this.dialect = dialect;
        this.errors = errors;
    }

    /**
     * Connections are spread over several loopback addresses (127.0.0.1 to 127.0.0.8, which Linux answers
     * without configuration): every connection to one address and port needs an ephemeral port of its own,
     * and tens of thousands of them, with those of earlier scenarios in TIME_WAIT, would run out.
     */
    private static String loopbackAddress(int index) {
        return "127.0.0." + (1 + index % LOOPBACK_ADDRESSES);
    }

    private static final int LOOPBACK_ADDRESSES = 8;

    /** Opens a connection; the future completes when the server has said it is usable. */
    static CompletableFuture<Peer> open(HttpClient client, Dialect dialect, int port, int index, AtomicLong errors) {
        Peer peer = new Peer(index, dialect, errors);
        client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(dialect.uri(loopbackAddress(index), port, peer.id), peer)
                .whenComplete((socket, failure) -> {
                    if (failure != null) {
                        peer.ready.completeExceptionally(failure);
                        peer.gone.complete(null);
                    }
                });
        return peer.ready;
    }

    void handler(Handler handler) {
        this.handler = handler;
    }

    /** Sends the dialect's join for {@code room}; completes with the server's answer (ENTERED, FULL, ERROR). */
    CompletableFuture<Dialect.Kind> join(String room) {
        if (!dialect.hasRooms()) {
            return CompletableFuture.completedFuture(Dialect.Kind.ENTERED);
        }
        CompletableFuture<Dialect.Kind> answer = new CompletableFuture<>();
        entry = answer;
        send(dialect.join(room));
        return answer;
    }

    void leave() {
        String frame = dialect.leave();
        if (frame != null) {
            send(frame);
        }
    }

    /** Sends a probe to the partner, framed as {@code length} characters of payload. */
    void signal(Probe probe, int length) {
        send(dialect.signal(probe.kind(), partner.id, probe.body(length)));
    }

    synchronized void send(String frame) {
        sending = sending.thenCompose(ignored -> socket.sendText(frame, true)).exceptionally(failure -> {
            errors.incrementAndGet();
            return null;
        });
    }

    void keepAlive() {
        String frame = dialect.keepAlive();
        if (frame != null && ready.isDone() && !ready.isCompletedExceptionally()) {
            send(frame);
        }
    }

    /**
     * Closes with a close frame, as a client that hangs up does: a server that keeps dropped peers for a
     * resume (Switchboard) would otherwise hold each one, and its room, for its resume window. Completes when
     * the connection is gone.
     */
    CompletableFuture<Void> close() {
        WebSocket open = socket;
        if (open == null) {
            return CompletableFuture.completedFuture(null);
        }
        open.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS)
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        open.abort();
                    }
                });
        return gone;
    }

    /** Cuts the connection if it is still there, releasing its socket at once. */
    void abort() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (this) {
            socket = webSocket;
        }
        if (dialect.readyOnOpen()) {
            ready.complete(this);
        }
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            received(frame, System.nanoTime());
        }
        webSocket.request(1);
        return null;
    }

    private void received(String frame, long nanos) {
        Probe probe = Probe.find(frame);
        if (probe != null) {
            handler.probe(this, probe, nanos);
            return;
        }
        Dialect.Inbound inbound = dialect.read(frame);
        if (inbound.reply() != null) {
            send(inbound.reply());
        }
        switch (inbound.kind()) {
            case READY -> ready.complete(this);
            case ENTERED, FULL -> entry.complete(inbound.kind());
            case ERROR -> {
                errors.incrementAndGet();
                entry.complete(inbound.kind());
            }
            default -> { }
        }
        handler.control(this, inbound.kind());
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!ready.isDone()) {
            ready.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        } else {
            errors.incrementAndGet(); // the server closed a connection the scenario was using
        }
        gone.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ready.completeExceptionally(error);
        errors.incrementAndGet();
        gone.complete(null);
    }
}
