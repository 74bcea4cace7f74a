package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the measurements as JSON (every repeat, and median/min/max per figure) and as Markdown tables:
 * one per scenario, a row per server, each figure as median (min–max) over the repeats, and the key figure's
 * ratio to the floor, to the floor on Open Liberty when it ran, and to the better of the two peer servers.
 */
final class Report {

    /** The figures shown per scenario, the key figure first; higher-is-better keys say so. */
    private record Layout(String key, boolean higherIsBetter, List<String> columns) {
    }

    private static final Layout RELAY = new Layout("p99_ms", false,
            List.of("p50_ms", "p99_ms", "max_ms", "lost", "misrouted", "reordered", "server_cpu", "generator_cpu"));
    private static final Layout CAPACITY = new Layout("msgs_per_s", true,
            List.of("msgs_per_s", "p99_ms", "server_cpu", "generator_cpu", "generator_cpu_at_failure"));
    private static final Layout CONNECTIONS = new Layout("rss_bytes_per_connection", false,
            List.of("rss_bytes_per_connection", "heap_bytes_per_connection", "opened_per_s", "errors"));
    private static final Map<String, Layout> LAYOUTS = Map.of(
            "capacity", CAPACITY,
            "capacity-sdp", CAPACITY,
            "call-setup", new Layout("setups_per_s", true,
                    List.of("setups_per_s", "p99_ms", "server_cpu", "generator_cpu", "generator_cpu_at_failure")),
            "connections", CONNECTIONS,
            "connections-20k", CONNECTIONS);
    private static final Set<Target> PEERS = Set.of(Target.PEERJS, Target.SOCKETIO);

    private final Options options;
    private final Map<String, String> environment;
    private final LocalDateTime started;

    Report(Options options, Map<String, String> environment, LocalDateTime started) {
        this.options = options;
        this.environment = environment;
        this.started = started;
    }

    void write(List<Measurement> measurements) throws IOException {
        Files.createDirectories(options.out());
        Files.writeString(options.out().resolve("results.json"), json(measurements));
        Files.writeString(options.out().resolve("results.md"), markdown(measurements));
    }

    private String markdown(List<Measurement> measurements) {
        StringBuilder md = new StringBuilder();
        long repeats = measurements.stream().mapToInt(Measurement::repeat).distinct().count();
        md.append("Run of ").append(started.withNano(0)).append("; each figure is the median (min–max) of the ")
                .append(repeats).append(" repeat(s) done of ").append(options.repeats())
                .append(", each on a fresh server process.\n\n");
        environment.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
        for (String scenario : scenarios(measurements)) {
            Layout layout = layout(scenario);
            Map<String, Double> references = references(measurements, scenario, layout);
            md.append("\n### ").append(scenario).append("\n\n| server | ")
                    .append(String.join(" | ", layout.columns())).append(" | ").append(layout.key())
                    .append(String.join(" |", references.keySet())).append(" |\n|---")
                    .append("|---".repeat(layout.columns().size() + references.size())).append("|\n");
            for (Target target : options.targets()) {
                Double key = median(measurements, scenario, target, layout.key());
                if (key == null) {
                    continue;
                }
                md.append("| ").append(target.label());
                for (String column : layout.columns()) {
                    md.append(" | ").append(cell(values(measurements, scenario, target, column)));
                }
                references.values().forEach(reference -> md.append(" | ").append(ratio(key, reference)));
                md.append(" |\n");
            }
        }
        return md.toString();
    }

    /**
     * What the key figure is divided by, under its column heading: the floor, the floor on Open Liberty when it
     * ran, the better peer server.
     */
    private Map<String, Double> references(List<Measurement> measurements, String scenario, Layout layout) {
        Map<String, Double> references = new LinkedHashMap<>();
        references.put(" ÷ floor", median(measurements, scenario, Target.FLOOR, layout.key()));
        Double libertyFloor = median(measurements, scenario, Target.FLOOR_LIBERTY, layout.key());
        if (libertyFloor != null) {
            references.put(" ÷ Liberty floor", libertyFloor);
        }
        references.put(" ÷ best peer", bestPeer(measurements, scenario, layout));
        return references;
    }

    private Double bestPeer(List<Measurement> measurements, String scenario, Layout layout) {
        Double best = null;
        for (Target peer : PEERS) {
            Double value = median(measurements, scenario, peer, layout.key());
            if (value != null && (best == null || (layout.higherIsBetter() ? value > best : value < best))) {
                best = value;
            }
        }
        return best;
    }

    private static Layout layout(String scenario) {
        return scenario.startsWith("relay-") ? RELAY : LAYOUTS.get(scenario);
    }

    private static Set<String> scenarios(List<Measurement> measurements) {
        Set<String> names = new LinkedHashSet<>();
        measurements.forEach(m -> names.add(m.scenario()));
        return names;
    }

    private static List<Double> values(List<Measurement> measurements, String scenario, Target target, String name) {
        List<Double> values = new ArrayList<>();
        for (Measurement m : measurements) {
            Double value = m.values().get(name);
            if (m.target() == target && m.scenario().equals(scenario) && value != null && !value.isNaN()) {
                values.add(value);
            }
        }
        Collections.sort(values);
        return values;
    }

    private static Double median(List<Measurement> measurements, String scenario, Target target, String name) {
        List<Double> values = values(measurements, scenario, target, name);
        if (values.isEmpty()) {
            return null;
        }
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }

    private static String cell(List<Double> values) {
        if (values.isEmpty()) {
            return "–";
        }
        int middle = values.size() / 2;
        double median = values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
        if (values.size() == 1 || values.get(0).equals(values.get(values.size() - 1))) {
            return number(median);
        }
        return number(median) + " (" + number(values.get(0)) + "–" + number(values.get(values.size() - 1)) + ")";
    }

    private static String ratio(double value, Double reference) {
        return reference == null || reference == 0 ? "–" : String.format(Locale.ROOT, "%.2f", value / reference);
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private String json(List<Measurement> measurements) {
        StringBuilder json = new StringBuilder("{\n  \"started\": ").append(quote(started.withNano(0).toString()))
                .append(",\n  \"repeats\": ").append(options.repeats()).append(",\n  \"environment\": {");
        String separator = "";
        for (Map.Entry<String, String> fact : environment.entrySet()) {
            json.append(separator).append("\n    ").append(quote(fact.getKey())).append(": ").append(quote(fact.getValue()));
            separator = ",";
        }
        json.append("\n  },\n  \"measurements\": [");
        separator = "";
        for (Measurement m : measurements) {
            json.append(separator).append("\n    {\"server\": ").append(quote(m.target().label()))
                    .append(", \"scenario\": ").append(quote(m.scenario())).append(", \"repeat\": ").append(m.repeat())
                    .append(", \"values\": ").append(object(m.values())).append('}');
            separator = ",";
        }
        json.append("\n  ],\n  \"summary\": {");
        separator = "";
        for (String scenario : scenarios(measurements)) {
            json.append(separator).append("\n    ").append(quote(scenario)).append(": {");
            String serverSeparator = "";
            for (Target target : options.targets()) {
                Map<String, Double> medians = new LinkedHashMap<>();
                for (Measurement m : measurements) {
                    if (m.target() == target && m.scenario().equals(scenario)) {
                        m.values().keySet().forEach(name -> medians.put(name, median(measurements, scenario, target, name)));
                    }
                }
                if (!medians.isEmpty()) {
                    json.append(serverSeparator).append("\n      ").append(quote(target.label())).append(": ")
                            .append(object(medians));
                    serverSeparator = ",";
                }
            }
            json.append("\n    }");
            separator = ",";
        }
        return json.append("\n  }\n}\n").toString();
    }

    private static String object(Map<String, Double> values) {
        StringBuilder json = new StringBuilder("{");
        String separator = "";
        for (Map.Entry<String, Double> value : values.entrySet()) {
            Double v = value.getValue();
            json.append(separator).append(quote(value.getKey())).append(": ")
                    .append(v == null || v.isNaN() || v.isInfinite() ? "null" : String.format(Locale.ROOT, "%.6g", v));
            separator = ", ";
        }
        return json.append('}').toString();
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"';
    }
}
