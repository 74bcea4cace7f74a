package dev.switchboard.bench;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop call setups over a pool of connected pairs: a call is due at a fixed rate; the next free pair
 * takes it (a call waits when none is free, and its time counts). A call: the caller enters a new room, the
 * callee enters it, the caller sends an offer, the callee answers and sends 10 candidates, the caller sends
 * 10 candidates on the answer. It is set up when both have everything; then both leave, untimed.
 */
final class CallSetupRun implements Peer.Handler {

    static final int CANDIDATES = 10;
    /**
     * How long the calls of a run may take to end: long enough that an overloaded step's backlog is gone
     * before the next step starts, so that its stale messages do not count against the next one.
     */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** The state of the call a pair is in; guarded by the pair's lock. */
    private static final class Call {
        final Peer caller;
        final Peer callee;
        long number;
        long due;
        int callerGot;
        int calleeGot;

        Call(Peer caller, Peer callee) {
            this.caller = caller;
            this.callee = callee;
        }
    }

    private final Map<Peer, Call> calls = new HashMap<>(); // written before the run only
    private final Queue<Call> free = new ArrayDeque<>();
    private final Queue<long[]> waiting = new ArrayDeque<>(); // {number, due} of calls no pair could take yet
    private final Recorder setupTimes = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong misrouted = new AtomicLong();
    private final AtomicInteger refused = new AtomicInteger();
    /** Calls begun and not yet over, measured or not: a run ends when none is left (or at the drain deadline). */
    private final AtomicInteger busy = new AtomicInteger();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private long nextNumber;

    CallSetupRun(List<Peer> pairs) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            Call call = new Call(pairs.get(i), pairs.get(i + 1));
            call.caller.partner = call.callee;
            call.callee.partner = call.caller;
            calls.put(call.caller, call);
            calls.put(call.callee, call);
            free.add(call);
        }
        pairs.forEach(peer -> peer.handler(this));
    }

    Result run(double rate, long warmupNanos, long measureNanos, Meters meters) {
        long start = System.nanoTime();
        windowStart = start + warmupNanos;
        windowEnd = windowStart + measureNanos;
        long[] offered = {0};
        Meters.Usage usage = OpenLoop.run(rate, start, windowStart, windowEnd, meters, setupTimes::reset, (k, due, measured) -> {
            if (measured) {
                offered[0]++;
            }
            begin(due);
        });
        OpenLoop.await(() -> completed.get() >= offered[0] && busy.get() == 0, DRAIN_NANOS);
        return new Result(rate, offered[0], completed.get(), misrouted.get(), refused.get(),
                setupTimes.getIntervalHistogram(), usage);
    }

    private void begin(long due) {
        busy.incrementAndGet();
        Call call;
        long number;
        synchronized (this) {
            number = nextNumber++;
            call = free.poll();
            if (call == null) {
                waiting.add(new long[] {number, due});
                return;
            }
        }
        start(call, number, due);
    }

    private void start(Call call, long number, long due) {
        String room = "call" + number;
        synchronized (call) {
            call.number = number;
            call.due = due;
            call.callerGot = 0;
            call.calleeGot = 0;
        }
        call.caller.join(room)
                .thenCompose(kind -> kind == Dialect.Kind.ENTERED ? call.callee.join(room) : failed(kind))
                .thenAccept(kind -> {
                    if (kind == Dialect.Kind.ENTERED) {
                        call.caller.signal(new Probe('o', call.caller.index, number, due), Scenarios.SDP_CHARS);
                    } else {
                        refused.incrementAndGet();
                        release(call);
                    }
                });
    }

    private static CompletableFuture<Dialect.Kind> failed(Dialect.Kind kind) {
        return CompletableFuture.completedFuture(kind);
    }

    @Override
    public void probe(Peer receiver, Probe probe, long receivedNanos) {
        if (probe.sender() != receiver.partner.index) {
            misrouted.incrementAndGet();
            return;
        }
        Call call = calls.get(receiver);
        boolean done;
        synchronized (call) {
            if (probe.seq() != call.number) {
                misrouted.incrementAndGet(); // a message of an earlier call
                return;
            }
            if (receiver == call.callee) {
                call.calleeGot++;
            } else {
                call.callerGot++;
            }
            done = call.callerGot == 1 + CANDIDATES && call.calleeGot == 1 + CANDIDATES;
        }
        if (probe.kind() == 'o') { // the callee answers, then sends its candidates
            reply(receiver, 'a', probe);
        } else if (probe.kind() == 'a') { // the caller sends its candidates on the answer
            candidates(receiver, probe);
        }
        if (done) {
            finish(call, receivedNanos);
        }
    }

    private void reply(Peer callee, char kind, Probe offer) {
        callee.signal(new Probe(kind, callee.index, offer.seq(), offer.scheduledNanos()), Scenarios.SDP_CHARS);
        candidates(callee, offer);
    }

    private static void candidates(Peer peer, Probe of) {
        for (int i = 0; i < CANDIDATES; i++) {
            peer.signal(new Probe('c', peer.index, of.seq(), of.scheduledNanos()), Scenarios.CANDIDATE_CHARS);
        }
    }

    private void finish(Call call, long nanos) {
        if (call.due >= windowStart && call.due < windowEnd) {
            setupTimes.recordValue(Math.max(0, nanos - call.due));
            completed.incrementAndGet();
        }
        release(call);
    }

    /** Both leave the call's room; the pair takes the next waiting call, or becomes free. */
    private void release(Call call) {
        busy.decrementAndGet();
        call.caller.leave();
        call.callee.leave();
        long[] next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                free.add(call);
                return;
            }
        }
        start(call, next[0], next[1]);
    }

    record Result(double offeredRate, long offered, long completed, long misrouted, int refused, Histogram setupTime,
                  Meters.Usage usage) {

        boolean clean() {
            return completed == offered && misrouted == 0 && refused == 0;
        }

        double percentileMillis(double percentile) {
            return setupTime.getValueAtPercentile(percentile) / 1e6;
        }
    }
}
