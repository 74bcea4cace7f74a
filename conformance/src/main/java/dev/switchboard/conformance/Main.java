package dev.switchboard.conformance;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code java -jar switchboard-conformance.jar ws://host:port [options]}: runs the protocol's behaviours against
 * a server, one check at a time, and prints what each came to. Exit 0 when nothing failed, 1 when a check
 * failed, 2 when the command line is wrong or the server cannot be reached at all.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
            requireKnown(options.only());
        } catch (Options.UsageException e) {
            err.println(e.getMessage());
            err.println(Options.USAGE);
            return ResultTable.NOT_RUN;
        }
        FrameSchemas schemas = new FrameSchemas();
        String unreachable = reach(options, schemas);
        if (unreachable != null) {
            err.println("cannot run the checks: " + unreachable);
            return ResultTable.NOT_RUN;
        }
        out.println("Switchboard protocol v1 conformance: " + options.endpoint());
        List<Outcome> outcomes = new ArrayList<>();
        for (Check check : selected(options.only())) {
            outcomes.add(check.run(new Session(options, schemas)));
        }
        ResultTable table = new ResultTable(outcomes);
        out.print(table.render());
        return table.exitCode();
    }

    /** Null when a first connection gets its welcome; otherwise what happened instead. */
    private static String reach(Options options, FrameSchemas schemas) {
        try (Session session = new Session(options, schemas)) {
            session.connect("probe");
            session.assertFramesConformed();
            return null;
        } catch (CheckFailed | CheckSkipped e) {
            return e.getMessage();
        }
    }

    static List<Check> selected(Set<String> only) {
        return Checks.all().stream().filter(check -> only.isEmpty() || only.contains(check.name())).toList();
    }

    private static void requireKnown(Set<String> only) throws Options.UsageException {
        Set<String> known = Checks.all().stream().map(Check::name).collect(Collectors.toSet());
        List<String> unknown = only.stream().filter(name -> !known.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new Options.UsageException("no such check: " + String.join(", ", unknown) + "; the checks are "
                    + Checks.all().stream().map(Check::name).collect(Collectors.joining(", ")));
        }
    }
}
