package dev.switchboard.bench;

import java.util.Map;

/** The figures of one scenario on one fresh server process. */
record Measurement(Target target, String scenario, int repeat, Map<String, Double> values) {
}
