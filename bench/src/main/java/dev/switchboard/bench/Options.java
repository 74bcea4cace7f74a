package dev.switchboard.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line options; {@code --quick} shortens every window for a smoke run. */
record Options(List<Target> targets, List<String> scenarios, int repeats, String serverCpus, Path wlp,
               String libertyServer, String libertyFloorServer, Path benchDir, Path out, double relayRate, List<Integer> relayRooms,
               long serverWarmupNanos, long warmupNanos, long measureNanos, double p99BoundMillis, double setupP99BoundMillis,
               int setupPairs, List<Integer> connectionSteps, List<Integer> manyConnectionSteps, double capacityStartRate, double setupStartRate,
               String switchboardJavaOptions, Path payaraJar, Path war) {

    static final List<String> ALL_SCENARIOS = List.of("relay", "capacity", "call-setup", "connections", "connections-20k");
    /** A smoke run leaves out the 20,000 connections. */
    static final List<String> QUICK_SCENARIOS = List.of("relay", "capacity", "call-setup", "connections");

    static Options parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                given.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path benchDir = Path.of(given.getOrDefault("bench-dir", ".")).toAbsolutePath().normalize();
        return new Options(
                Arrays.stream(given.getOrDefault("servers", "switchboard,switchboard-payara,peerjs,socketio,floor,floor-liberty").split(","))
                        .map(name -> Target.valueOf(name.trim().toUpperCase().replace('-', '_'))).toList(),
                List.of(given.getOrDefault("scenarios", String.join(",", quick ? QUICK_SCENARIOS : ALL_SCENARIOS)).split(",")),
                Integer.parseInt(given.getOrDefault("repeats", quick ? "1" : "3")),
                given.get("server-cpus"),
                Path.of(given.getOrDefault("wlp", benchDir.resolve("../target/liberty/wlp").toString())),
                given.getOrDefault("liberty-server", "switchboard-bench"),
                given.getOrDefault("liberty-floor-server", "floor-bench"),
                benchDir,
                Path.of(given.getOrDefault("out", benchDir.resolve("target/results").toString())),
                Double.parseDouble(given.getOrDefault("relay-rate", "2000")),
                ints(given.getOrDefault("relay-rooms", quick ? "50" : "500,2000")),
                seconds(given.getOrDefault("server-warmup-s", quick ? "6" : "16")),
                seconds(given.getOrDefault("warmup-s", quick ? "1" : "2")),
                seconds(given.getOrDefault("measure-s", quick ? "2" : "5")),
                Double.parseDouble(given.getOrDefault("p99-bound-ms", "10")),
                Double.parseDouble(given.getOrDefault("setup-p99-bound-ms", "50")),
                Integer.parseInt(given.getOrDefault("setup-pairs", quick ? "50" : "500")),
                ints(given.getOrDefault("connections", quick ? "100,200" : "1000,2000,4000,8000")),
                ints(given.getOrDefault("many-connections", "5000,10000,15000,20000")),
                Double.parseDouble(given.getOrDefault("capacity-start", "1000")),
                Double.parseDouble(given.getOrDefault("setup-start", "50")),
                given.get("switchboard-java-options"),
                Path.of(given.getOrDefault("payara-jar", benchDir.resolve("../target/payara/payara-micro.jar").toString())),
                Path.of(given.getOrDefault("war", benchDir.resolve("../target/switchboard.war").toString())));
    }

    private static List<Integer> ints(String list) {
        List<Integer> values = new ArrayList<>();
        for (String value : list.split(",")) {
            values.add(Integer.parseInt(value.trim()));
        }
        return values;
    }

    private static long seconds(String value) {
        return Math.round(Double.parseDouble(value) * 1e9);
    }
}
