package dev.switchboard.it;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Looks into a server's JVM with the JDK's jcmd: live heap and live instances, each after a full GC. */
final class JvmProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long pid;

    JvmProbe(long pid) {
        this.pid = pid;
    }

    /** Heap in use after a full collection, in KiB. */
    long heapUsedAfterGcKiB() {
        jcmd("GC.run");
        Matcher used = USED.matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new AssertionError("no heap figure from jcmd GC.heap_info");
        }
        return Long.parseLong(used.group(1));
    }

    /** Live instances and bytes of every class, after a full collection (GC.class_histogram collects first). */
    Map<String, long[]> liveBytesByClass() {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : jcmd("GC.class_histogram").split("\n")) {
            String[] columns = line.trim().split("\\s+");
            // " 123:  instances  bytes  class.name (module)"
            if (columns.length >= 4 && columns[0].endsWith(":")) {
                classes.put(columns[3], new long[] {Long.parseLong(columns[1]), Long.parseLong(columns[2])});
            }
        }
        return classes;
    }

    /** The stacks of the JVM's threads that have {@code frame} (part of a frame, e.g. a method) in them now. */
    List<String> stacksWith(String frame) {
        return Arrays.stream(jcmd("Thread.print").split("\n\n")).filter(stack -> stack.contains(frame)).toList();
    }

    /** Live threads whose name starts with {@code prefix}. */
    long threads(String prefix) {
        return jcmd("Thread.print").lines().filter(line -> line.startsWith("\"" + prefix)).count();
    }

    /** Instances of {@code className} in a {@link #liveBytesByClass} result. */
    static long instances(Map<String, long[]> classes, String className) {
        return classes.getOrDefault(className, new long[2])[0];
    }

    /** The classes whose live bytes grew most from {@code before} to {@code after}, for a failure message. */
    static String growth(Map<String, long[]> before, Map<String, long[]> after, int top) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(e -> e.getKey() + " +" + e.getValue() + " B").collect(Collectors.joining(", "));
    }

    private String jcmd(String command) {
        try {
            Process process = new ProcessBuilder(List.of("jcmd", Long.toString(pid), command))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("jcmd " + command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
