package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/** The scenarios; each runs on a fresh server process and returns its figures by name. */
final class Scenarios {

    static final int SDP_CHARS = 2500;
    static final int CANDIDATE_CHARS = 150;
    /** Messages a second while a fresh server warms up. */
    private static final double WARMUP_RATE = 1000;
    /** Steps of a search narrow the range between the last rate that passed and the first that failed. */
    private static final int NARROWING_STEPS = 3;

    private final Options options;

    Scenarios(Options options) {
        this.options = options;
    }

    /** Names of the scenarios the options ask for, with relay expanded per room count and message size. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (String scenario : options.scenarios()) {
            if (scenario.equals("relay")) {
                for (int rooms : options.relayRooms()) {
                    names.add("relay-" + rooms + "-sdp");
                    names.add("relay-" + rooms + "-candidate");
                }
            } else if (scenario.equals("capacity")) {
                names.add("capacity");
                names.add("capacity-sdp");
            } else {
                names.add(scenario);
            }
        }
        return names;
    }

    /**
     * Relay and call setups at a modest rate on a fresh server before anything is measured: a JVM compiles
     * its hot code in the first seconds, and on one core that would count against the first measurement.
     */
    void warmUp(ServerProcess server, Dialect dialect) throws Exception {
        Meters meters = new Meters(server);
        try (Clients clients = new Clients(dialect, server.port)) {
            new RelayRun(clients.openPairs(100, "warm"), 'o', SDP_CHARS).run(WARMUP_RATE, options.serverWarmupNanos() / 2, 0, meters);
        }
        try (Clients clients = new Clients(dialect, server.port)) {
            new CallSetupRun(clients.open(200)).run(WARMUP_RATE / 20, options.serverWarmupNanos() / 2, 0, meters);
        }
    }

    /** Whether {@code name} measures memory, on a server process of its own. */
    static boolean isMemory(String name) {
        return name.startsWith("connections");
    }

    Map<String, Double> run(String name, ServerProcess server, Dialect dialect) throws Exception {
        Meters meters = new Meters(server);
        try (Clients clients = new Clients(dialect, server.port)) {
            if (name.startsWith("relay-")) {
                String[] parts = name.split("-");
                return relay(clients, meters, Integer.parseInt(parts[1]), parts[2].equals("sdp"));
            }
            return switch (name) {
                case "capacity" -> capacity(clients, meters, 'c', CANDIDATE_CHARS);
                case "capacity-sdp" -> capacity(clients, meters, 'o', SDP_CHARS);
                case "call-setup" -> callSetup(clients, meters);
                case "connections" -> connections(clients, server, options.connectionSteps());
                case "connections-20k" -> connections(clients, server, options.manyConnectionSteps());
                default -> throw new IllegalArgumentException("unknown scenario " + name);
            };
        }
    }

    private Map<String, Double> relay(Clients clients, Meters meters, int rooms, boolean sdp) throws Exception {
        RelayRun run = new RelayRun(clients.openPairs(rooms, "relay"), sdp ? 'o' : 'c', sdp ? SDP_CHARS : CANDIDATE_CHARS);
        RelayRun.Result result = run.run(options.relayRate(), options.warmupNanos(), options.measureNanos(), meters);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("offered_per_s", result.offeredRate());
        values.put("p50_ms", result.percentileMillis(50));
        values.put("p99_ms", result.percentileMillis(99));
        values.put("max_ms", result.maxMillis());
        values.put("sent", (double) result.sent());
        values.put("lost", (double) result.lost());
        values.put("misrouted", (double) result.misrouted());
        values.put("reordered", (double) result.reordered());
        values.put("errors", (double) clients.errors.get());
        values.put("max_send_lag_ms", result.maxSendLagNanos() / 1e6);
        values.put("generator_cpu", result.usage().generatorCores());
        values.put("server_cpu", result.usage().serverCores());
        return values;
    }

    /** The highest offered rate of messages of one kind and size over 500 rooms with p99 within the bound and nothing lost. */
    private Map<String, Double> capacity(Clients clients, Meters meters, char kind, int chars) throws Exception {
        RelayRun run = new RelayRun(clients.openPairs(500, "cap"), kind, chars);
        long warmup = Math.min(options.warmupNanos(), 2_000_000_000L);
        long measure = Math.min(options.measureNanos(), 5_000_000_000L);
        return search(options.capacityStartRate(), rate -> {
            long errorsBefore = clients.errors.get();
            RelayRun.Result result = run.run(rate, warmup, measure, meters);
            long errors = clients.errors.get() - errorsBefore;
            boolean pass = result.clean() && errors == 0 && result.percentileMillis(99) <= options.p99BoundMillis();
            return new Step(pass, result.percentileMillis(99), result.usage(), String.format(
                    "lost %d, misrouted %d, reordered %d, errors %d", result.lost(), result.misrouted(), result.reordered(), errors));
        }, "msgs_per_s");
    }

    /** The highest offered rate of call setups with p99 setup time within the bound and every call set up. */
    private Map<String, Double> callSetup(Clients clients, Meters meters) throws Exception {
        List<Peer> pairs = new ArrayList<>(clients.open(2 * options.setupPairs()));
        long warmup = Math.min(options.warmupNanos(), 2_000_000_000L);
        long measure = Math.min(options.measureNanos(), 5_000_000_000L);
        return search(options.setupStartRate(), rate -> {
            try {
                // Enough pairs that each connection enters at most one room a second: Switchboard limits
                // entries per connection (5 a second) against room-name guessing, and reusing pairs faster
                // showed latency spikes on Socket.IO at low CPU (not investigated).
                int needed = (int) Math.ceil(rate);
                if (pairs.size() / 2 < needed) {
                    pairs.addAll(clients.open(2 * needed - pairs.size()));
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not open more pairs", e);
            }
            long errorsBefore = clients.errors.get();
            CallSetupRun.Result result = new CallSetupRun(pairs).run(rate, warmup, measure, meters);
            long errors = clients.errors.get() - errorsBefore;
            boolean pass = result.clean() && errors == 0
                    && result.percentileMillis(99) <= options.setupP99BoundMillis();
            return new Step(pass, result.percentileMillis(99), result.usage(), String.format(
                    "offered %d, set up %d, misrouted %d, refused %d, errors %d", result.offered(), result.completed(),
                    result.misrouted(), result.refused(), errors));
        }, "setups_per_s");
    }

    private record Step(boolean pass, double p99Millis, Meters.Usage usage, String counts) {
    }

    /**
     * Doubles the rate until a step fails twice in a row, then narrows between the last pass and the first
     * failure. Reports
     * the best passing rate, its p99 and CPU, and the generator's CPU at the first failure (near 1.0: the
     * generator, not the server, was the limit).
     */
    private static Map<String, Double> search(double start, DoubleFunction<Step> step, String unit) {
        Search search = new Search(step, unit);
        for (double rate = start; search.failure == null && rate <= 1_000_000; rate *= 2) {
            search.at(rate);
        }
        for (int i = 0; i < NARROWING_STEPS && search.failure != null && search.passed > 0; i++) {
            search.at(Math.round(Math.sqrt(search.passed * search.failed) / 10) * 10.0);
        }
        return search.values();
    }

    /** The state of a rate search: the best rate that passed and the lowest that failed so far. */
    private static final class Search {
        private final DoubleFunction<Step> step;
        private final String unit;
        double passed;
        Step best;
        double failed;
        Step failure;

        Search(DoubleFunction<Step> step, String unit) {
            this.step = step;
            this.unit = unit;
        }

        /** A failed step is run once more: one collection pause in a window should not end the search. */
        void at(double rate) {
            Step result = step.apply(rate);
            log(unit, rate, result);
            if (!result.pass()) {
                result = step.apply(rate);
                log(unit, rate, result);
            }
            if (result.pass()) {
                passed = rate;
                best = result;
            } else {
                failed = rate;
                failure = result;
            }
        }

        Map<String, Double> values() {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(unit, passed);
            values.put("p99_ms", best == null ? Double.NaN : best.p99Millis());
            values.put("server_cpu", best == null ? Double.NaN : best.usage().serverCores());
            values.put("generator_cpu", best == null ? Double.NaN : best.usage().generatorCores());
            values.put("failed_at", failed);
            values.put("generator_cpu_at_failure", failure == null ? Double.NaN : failure.usage().generatorCores());
            return values;
        }
    }

    private static void log(String unit, double rate, Step step) {
        System.out.printf("    %.0f %s: %s, p99 %.2f ms, %s, server %.2f cores, generator %.2f%n", rate, unit,
                step.pass() ? "pass" : "FAIL", step.p99Millis(), step.counts(), step.usage().serverCores(),
                step.usage().generatorCores());
    }

    /**
     * Idle connections in steps: server memory after each step (for the JVM after a full collection), the
     * slope over the steps (bytes per connection, least squares), and how fast connections were opened.
     */
    private Map<String, Double> connections(Clients clients, ServerProcess server, List<Integer> steps)
            throws Exception {
        List<double[]> points = new ArrayList<>(); // {connections, rss, heap}
        Map<String, Double> values = new LinkedHashMap<>();
        long openNanos = 0;
        int open = 0;
        for (int step : steps) {
            long start = System.nanoTime();
            clients.open(step - open);
            openNanos += System.nanoTime() - start;
            open = step;
            double heap = server.heapAfterGcBytes();
            double rss = server.rssBytes();
            points.add(new double[] {open, rss, heap});
            values.put("rss_mb_at_" + step, rss / 1e6);
            if (heap >= 0) {
                values.put("heap_mb_at_" + step, heap / 1e6);
            }
        }
        String histogram = server.classHistogram();
        if (histogram != null) { // what the memory per connection is made of, for whoever wants to reduce it
            java.nio.file.Files.createDirectories(options.out());
            java.nio.file.Files.writeString(options.out().resolve("histogram-" + open + "-connections.txt"), histogram);
        }
        values.put("rss_bytes_per_connection", slope(points, 1));
        if (points.get(0)[2] >= 0) {
            values.put("heap_bytes_per_connection", slope(points, 2));
        }
        values.put("opened_per_s", open / (openNanos / 1e9));
        values.put("errors", (double) clients.errors.get());
        return values;
    }

    /** Least-squares slope of column {@code y} over column 0. */
    private static double slope(List<double[]> measured, int y) {
        double n = measured.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : measured) {
            sx += p[0];
            sy += p[y];
            sxx += p[0] * p[0];
            sxy += p[0] * p[y];
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
