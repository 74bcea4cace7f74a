package dev.switchboard.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** The connections of one scenario against one server, and the client threads they share. */
final class Clients implements AutoCloseable {

    /** Handshakes in flight at once while opening connections. */
    private static final int OPENING_AT_ONCE = 64;
    /** How long closing waits for the servers' close frames before it cuts what is left. */
    private static final long CLOSING_SECONDS = 30;

    private final Dialect dialect;
    private final int port;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, daemon("client"));
    private final HttpClient client = HttpClient.newBuilder().executor(executor).build();
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(daemon("keep-alive"));
    private final List<Peer> peers = new ArrayList<>();
    final AtomicLong errors = new AtomicLong();

    Clients(Dialect dialect, int port) {
        this.dialect = dialect;
        this.port = port;
        keepAlive.scheduleAtFixedRate(this::keepAlive, 15, 15, TimeUnit.SECONDS);
    }

    Dialect dialect() {
        return dialect;
    }

    List<Peer> peers() {
        return peers;
    }

    /** Opens {@code count} more connections and waits until every one is usable. */
    List<Peer> open(int count) throws Exception {
        Semaphore slots = new Semaphore(OPENING_AT_ONCE);
        List<CompletableFuture<Peer>> opening = new ArrayList<>();
        int first;
        synchronized (peers) {
            first = peers.size();
        }
        for (int i = 0; i < count; i++) {
            slots.acquire();
            CompletableFuture<Peer> peer = Peer.open(client, dialect, port, first + i, errors);
            peer.whenComplete((p, failure) -> slots.release());
            opening.add(peer);
        }
        List<Peer> opened = new ArrayList<>();
        Exception failed = null;
        for (CompletableFuture<Peer> peer : opening) {
            try {
                opened.add(peer.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                failed = failed == null ? e : failed;
            }
        }
        synchronized (peers) {
            peers.addAll(opened); // closed with the rest even when this step failed
        }
        if (failed != null) {
            throw failed;
        }
        return opened;
    }

    /**
     * Opens {@code rooms} pairs of connections and puts each pair in a room of its own; the first of a pair
     * creates it, the second joins. Fails unless every peer entered its room.
     */
    List<Peer> openPairs(int rooms, String roomPrefix) throws Exception {
        // Rooms of their own for each set: a server may keep a dropped peer, and its room, for a while.
        String set = Long.toString(System.nanoTime(), 36);
        List<Peer> opened = open(2 * rooms);
        Semaphore slots = new Semaphore(OPENING_AT_ONCE);
        List<CompletableFuture<Dialect.Kind>> entries = new ArrayList<>();
        for (int room = 0; room < rooms; room++) {
            Peer first = opened.get(2 * room);
            Peer second = opened.get(2 * room + 1);
            first.partner = second;
            second.partner = first;
            String name = roomPrefix + set + "-" + room;
            slots.acquire();
            CompletableFuture<Dialect.Kind> entered = first.join(name).thenCompose(kind -> second.join(name)
                    .thenApply(other -> kind == Dialect.Kind.ENTERED ? other : kind));
            entered.whenComplete((kind, failure) -> slots.release());
            entries.add(entered);
        }
        for (CompletableFuture<Dialect.Kind> entered : entries) {
            Dialect.Kind kind = entered.get(60, TimeUnit.SECONDS);
            if (kind != Dialect.Kind.ENTERED) {
                throw new IllegalStateException(dialect.name() + ": a peer could not enter its room: " + kind);
            }
        }
        return opened;
    }

    private void keepAlive() {
        List<Peer> all;
        synchronized (peers) {
            all = List.copyOf(peers);
        }
        all.forEach(Peer::keepAlive);
    }

    /**
     * Closes every connection and waits until they are gone, so that the next scenario starts with these
     * sockets released: 20,000 connections come near a process's limit of open files.
     */
    @Override
    public void close() {
        keepAlive.shutdownNow();
        List<Peer> all;
        synchronized (peers) {
            all = List.copyOf(peers);
            peers.clear();
        }
        try {
            CompletableFuture.allOf(all.stream().map(Peer::close).toArray(CompletableFuture[]::new))
                    .get(CLOSING_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("    closing: " + e); // cut below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(Peer::abort);
        executor.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
