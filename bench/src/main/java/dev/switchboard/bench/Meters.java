package dev.switchboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;

/** CPU time of the load generator and of the server over a window, as shares of one core. */
final class Meters {

    private final ServerProcess server;

    Meters(ServerProcess server) {
        this.server = server;
    }

    record Reading(long wallNanos, long generatorCpuNanos, long serverCpuNanos) {
    }

    /** CPU used over a window, as a fraction of one core (1.0 = one core busy all the time). */
    record Usage(double generatorCores, double serverCores) {
    }

    Reading read() {
        try {
            return new Reading(System.nanoTime(),
                    ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos(), server.cpuNanos());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Usage usage(Reading before, Reading after) {
        double wall = after.wallNanos() - before.wallNanos();
        return new Usage((after.generatorCpuNanos() - before.generatorCpuNanos()) / wall,
                (after.serverCpuNanos() - before.serverCpuNanos()) / wall);
    }
}
