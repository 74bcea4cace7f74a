package dev.switchboard.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Paces work at a fixed rate, open loop: tick {@code k} is due at {@code start + k / rate} whatever happened
 * to the ticks before it, and a late tick runs at once instead of being skipped.
 */
final class OpenLoop {

    /** One tick: its number, when it was due, and whether it falls into the measured window. */
    interface Tick {
        void run(long k, long dueNanos, boolean measured);
    }

    private OpenLoop() {
    }

    /**
     * Runs the ticks due from {@code start} until {@code windowEnd}; {@code atWindowStart} runs just before the
     * first tick due at or after {@code windowStart}. Returns the CPU use over the measured window (zero when
     * nothing was measured, as in a warm-up).
     */
    static Meters.Usage run(double rate, long start, long windowStart, long windowEnd, Meters meters,
                            Runnable atWindowStart, Tick tick) {
        long interval = Math.round(1e9 / rate);
        Meters.Reading before = null;
        for (long k = 0; ; k++) {
            long due = start + k * interval;
            if (due >= windowEnd) {
                break;
            }
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
            }
            boolean measured = due >= windowStart;
            if (measured && before == null) {
                atWindowStart.run();
                before = meters.read();
            }
            tick.run(k, due, measured);
        }
        Meters.Reading after = meters.read();
        return meters.usage(before == null ? after : before, after);
    }

    /** Waits, polling, until {@code done} or until {@code timeoutNanos} have passed. */
    static void await(BooleanSupplier done, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
