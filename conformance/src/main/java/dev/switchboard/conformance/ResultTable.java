package dev.switchboard.conformance;

import java.util.List;

/** The pass/fail/skip table the kit prints, its summary line, and the exit code it stands for. */
final class ResultTable {

    static final int ALL_PASSED = 0;
    static final int SOME_FAILED = 1;
    static final int NOT_RUN = 2;

    private final List<Outcome> outcomes;

    ResultTable(List<Outcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    String render() {
        int nameWidth = Math.max("check".length(),
                outcomes.stream().mapToInt(outcome -> outcome.check().length()).max().orElse(0));
        StringBuilder table = new StringBuilder();
        table.append(row(nameWidth, "check", "result", "seen"));
        table.append("-".repeat(nameWidth)).append("-+-").append("-".repeat(6)).append("-+-").append("-".repeat(40)).append('\n');
        for (Outcome outcome : outcomes) {
            table.append(row(nameWidth, outcome.check(), outcome.result().name().toLowerCase(), oneLine(outcome.seen())));
        }
        return table.append(summary()).append('\n').toString();
    }

    String summary() {
        return count(Outcome.Result.PASS) + " passed, " + count(Outcome.Result.FAIL) + " failed, "
                + count(Outcome.Result.SKIP) + " skipped";
    }

    /** Non-zero as soon as one check failed; skipped checks fail nothing. */
    int exitCode() {
        return count(Outcome.Result.FAIL) > 0 ? SOME_FAILED : ALL_PASSED;
    }

    private long count(Outcome.Result result) {
        return outcomes.stream().filter(outcome -> outcome.result() == result).count();
    }

    private static String row(int nameWidth, String name, String result, String seen) {
        return String.format("%-" + nameWidth + "s | %-6s | %s%n", name, result, seen);
    }

    /** A table row is one line: a multi-line detail (a schema report) is joined with " / ". */
    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " / ");
    }
}
