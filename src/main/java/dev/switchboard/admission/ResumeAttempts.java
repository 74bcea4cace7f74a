package dev.switchboard.admission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How often one client address may try to resume a session: {@code switchboard.rate.resumes-per-second},
 * bursts of {@code switchboard.rate.resume-burst}, as one connection may enter rooms. A resume token is 256
 * random bits, so guessing one is hopeless anyway; the limit keeps a flood of made-up tokens from costing
 * look-ups and, on a cluster, requests to other nodes. Each address's bucket is kept only until it has
 * filled up again: what is kept is bounded by the addresses that tried in the last few seconds.
 */
@ApplicationScoped
public class ResumeAttempts {

    private static final long FORGET_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private Rate rate;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private static final long NOT_YET = Long.MIN_VALUE;
    /** When the rested addresses are next forgotten (of the callers' clock); set by the first attempt. */
    private final AtomicLong nextForgetNanos = new AtomicLong(NOT_YET);

    protected ResumeAttempts() { // for the CDI proxy
    }

    @Inject
    public ResumeAttempts(
            @ConfigProperty(name = "switchboard.rate.resumes-per-second", defaultValue = "5") double perSecond,
            @ConfigProperty(name = "switchboard.rate.resume-burst", defaultValue = "30") double burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("switchboard.rate.resumes-per-second must be positive, resume-burst at least 1");
        }
        this.rate = Rate.of(burst, perSecond);
    }

    /** Counts an attempt from {@code address} (null: unknown, never limited); false when it is one too many. */
    public boolean tryAttempt(String address, long nowNanos) {
        if (address == null) {
            return true;
        }
        forgetRestedNowAndThen(nowNanos);
        boolean[] allowed = new boolean[1];
        buckets.compute(address, (key, bucket) -> {
            TokenBucket current = bucket != null ? bucket : new TokenBucket(rate, nowNanos);
            allowed[0] = current.tryTake(nowNanos);
            return current;
        });
        return allowed[0];
    }

    /** Addresses whose attempts are being counted. */
    public int addresses() {
        return buckets.size();
    }

    /** At most once a second: forgets the addresses whose bucket is full again, as good as never seen. */
    private void forgetRestedNowAndThen(long nowNanos) {
        long next = nextForgetNanos.get();
        if (next == NOT_YET) {
            nextForgetNanos.compareAndSet(NOT_YET, nowNanos + FORGET_EVERY_NANOS);
            return;
        }
        if (nowNanos - next < 0 || !nextForgetNanos.compareAndSet(next, nowNanos + FORGET_EVERY_NANOS)) {
            return;
        }
        for (String address : buckets.keySet()) {
            buckets.computeIfPresent(address, (key, bucket) -> bucket.isFull(nowNanos) ? null : bucket);
        }
    }
}
