package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Connections that come and go as fast as clients can make them: each enters a room of its own and leaves. */
final class Churn {

    private Churn() {
    }

    /**
     * {@code cycles} connections on {@code threads} threads, each opened on {@code /rooms/churn-...} of the
     * server {@code uriOf} gives (a path to a URI), reading its {@code created}, then sending a close frame
     * (even cycles) or dropping its TCP connection (odd ones). Fails unless every cycle completes.
     */
    static void joinThenClose(Function<String, URI> uriOf, int cycles, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        String run = ServerUnderTest.uniqueRoom();
        try {
            List<Future<Object>> workers = IntStream.range(0, threads).mapToObj(t -> pool.<Object>submit(() -> {
                for (int n = next.getAndIncrement(); n < cycles; n = next.getAndIncrement()) {
                    TestPeer peer = TestPeer.connect(uriOf.apply("/rooms/churn-" + n + "-" + run));
                    peer.next("created");
                    if (n % 2 == 0) {
                        peer.close();
                    } else {
                        peer.abort();
                    }
                    completed.incrementAndGet();
                }
                return null;
            })).toList();
            for (Future<Object> worker : workers) {
                worker.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(cycles, completed.get(), "cycles completed");
    }
}
