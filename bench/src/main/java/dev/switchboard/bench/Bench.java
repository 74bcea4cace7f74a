package dev.switchboard.bench;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs every scenario against every server, side by side: in each repeat, each server in turn on a fresh
 * process (and another fresh one for the memory scenario), so that all see the machine in the same state. Writes results.json and
 * results.md to the output directory after every measurement.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Scenarios scenarios = new Scenarios(options);
        Report report = new Report(options, Environment.describe(options), LocalDateTime.now());
        List<Measurement> measurements = new ArrayList<>();
        boolean failed = false;
        for (int repeat = 1; repeat <= options.repeats(); repeat++) {
            for (Target target : options.targets()) {
                // one process for the traffic scenarios; memory per connection is read on a fresh one
                List<String> traffic = scenarios.names().stream().filter(name -> !Scenarios.isMemory(name)).toList();
                failed |= !runOnFreshServer(target, traffic, repeat, options, scenarios, measurements, report);
                for (String memory : scenarios.names().stream().filter(Scenarios::isMemory).toList()) {
                    failed |= !runOnFreshServer(target, List.of(memory), repeat, options, scenarios, measurements, report);
                }
            }
        }
        System.out.println("results: " + options.out().resolve("results.md"));
        System.exit(failed ? 1 : 0);
    }

    private static boolean runOnFreshServer(Target target, List<String> names, int repeat, Options options,
                                            Scenarios scenarios, List<Measurement> measurements, Report report)
            throws Exception {
        if (names.isEmpty()) {
            return true;
        }
        boolean ok = true;
        try (ServerProcess server = ServerProcess.start(target, options)) {
            scenarios.warmUp(server, target.dialect);
            for (String scenario : names) {
                System.out.printf("[%d/%d] %s on %s%n", repeat, options.repeats(), scenario, target.label());
                try {
                    Map<String, Double> values = scenarios.run(scenario, server, target.dialect);
                    System.out.println("    " + values);
                    measurements.add(new Measurement(target, scenario, repeat, values));
                } catch (Exception e) {
                    ok = false;
                    System.out.println("    FAILED: " + e);
                }
                report.write(measurements);
            }
        } catch (Exception e) {
            System.out.println("    FAILED to run " + target.label() + ": " + e);
            return false;
        }
        return ok;
    }
}
