package dev.switchboard.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop relay over paired peers: messages are due at a fixed rate, round-robin over the senders, each to
 * its partner; latency is measured from when a message was due, so a generator or server that falls behind
 * shows up as latency instead of as a lower rate (no coordinated omission). Every received probe is checked
 * for its sender (misrouted) and its sequence (reordered).
 */
final class RelayRun implements Peer.Handler {

    /** How long the messages of a window may take to arrive before the missing ones count as lost. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final List<Peer> senders;
    private final char kind;
    private final int payloadChars;
    private final Recorder latencies = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong misrouted = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    RelayRun(List<Peer> peers, char kind, int payloadChars) {
        this.senders = peers;
        this.kind = kind;
        this.payloadChars = payloadChars;
        peers.forEach(peer -> peer.handler(this));
    }

    /** Sends at {@code rate} per second for the warm-up and then the measured window, and reports the window. */
    Result run(double rate, long warmupNanos, long measureNanos, Meters meters) {
        received.set(0);
        misrouted.set(0);
        reordered.set(0);
        long start = System.nanoTime();
        windowStart = start + warmupNanos;
        windowEnd = windowStart + measureNanos;
        long[] sent = {0};
        long[] maxLag = {0};
        Meters.Usage usage = OpenLoop.run(rate, start, windowStart, windowEnd, meters, latencies::reset, (k, due, measured) -> {
            Peer sender = senders.get((int) (k % senders.size()));
            sender.signal(new Probe(kind, sender.index, sender.nextSeq++, due), payloadChars);
            if (measured) {
                sent[0]++;
                maxLag[0] = Math.max(maxLag[0], System.nanoTime() - due);
            }
        });
        OpenLoop.await(() -> received.get() >= sent[0], DRAIN_NANOS);
        Histogram histogram = latencies.getIntervalHistogram();
        return new Result(rate, sent[0] / (measureNanos / 1e9), sent[0], received.get(), misrouted.get(), reordered.get(),
                histogram, maxLag[0], usage);
    }

    @Override
    public void probe(Peer receiver, Probe probe, long receivedNanos) {
        if (probe.sender() != receiver.partner.index) {
            misrouted.incrementAndGet();
        }
        if (probe.seq() <= receiver.lastSeq) {
            reordered.incrementAndGet();
        }
        receiver.lastSeq = probe.seq();
        long due = probe.scheduledNanos();
        if (due >= windowStart && due < windowEnd) {
            received.incrementAndGet();
            latencies.recordValue(Math.max(0, receivedNanos - due));
        }
    }

    /** One window: what was offered and sent, what arrived, how fast, at what CPU cost. */
    record Result(double offeredRate, double sentRate, long sent, long received, long misrouted, long reordered,
                  Histogram latency, long maxSendLagNanos, Meters.Usage usage) {

        long lost() {
            return sent - received;
        }

        boolean clean() {
            return lost() == 0 && misrouted == 0 && reordered == 0;
        }

        double percentileMillis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }

        double maxMillis() {
            return latency.getMaxValue() / 1e6;
        }
    }
}
