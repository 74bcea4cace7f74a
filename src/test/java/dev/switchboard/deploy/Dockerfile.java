package dev.switchboard.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The project's Dockerfile as a list of instructions, for the tests to check it without a container
 * engine. Reads the shell form only (this Dockerfile uses no JSON-array form); continuation lines and
 * comments are handled as docker does.
 */
final class Dockerfile {

    /** One instruction: its keyword in capitals, its arguments, and its place (0 = first). */
    record Instruction(int index, String keyword, String arguments) {
    }

    /** A COPY: its --flags, its sources (relative to the build context) and its destination. */
    record Copy(int index, Map<String, String> flags, List<String> sources, String destination) {
    }

    private static final Pattern PAIR = Pattern.compile("([A-Za-z0-9_.\\-]+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    private final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    static Dockerfile read() {
        return parse(Project.read("Dockerfile"));
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            if (!current.toString().isBlank()) {
                String[] parts = current.toString().strip().split("\\s+", 2);
                instructions.add(new Instruction(instructions.size(), parts[0].toUpperCase(Locale.ROOT),
                        parts.length > 1 ? parts[1] : ""));
            }
            current.setLength(0);
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The place of the first RUN whose command starts with {@code command}; fails if there is none. */
    int run(String command) {
        return all("RUN").stream().filter(i -> i.arguments().startsWith(command)).mapToInt(Instruction::index)
                .findFirst().orElseThrow(() -> new AssertionError("no RUN " + command + " in the Dockerfile"));
    }

    List<Copy> copies() {
        return all("COPY").stream().map(Dockerfile::copy).toList();
    }

    /** LABEL key=value pairs, quotes removed. */
    Map<String, String> labels() {
        return pairs("LABEL");
    }

    /** ENV key=value pairs, quotes removed. */
    Map<String, String> env() {
        return pairs("ENV");
    }

    /** ARG name=default pairs (an ARG without a default maps to the empty string). */
    Map<String, String> args() {
        Map<String, String> args = new LinkedHashMap<>();
        for (Instruction arg : all("ARG")) {
            String[] parts = arg.arguments().split("=", 2);
            args.put(parts[0], parts.length > 1 ? unquote(parts[1]) : "");
        }
        return args;
    }

    List<Integer> exposedPorts() {
        return all("EXPOSE").stream().flatMap(i -> Arrays.stream(i.arguments().split("\\s+")))
                .map(port -> Integer.valueOf(port.replaceFirst("/tcp$", ""))).toList();
    }

    private Map<String, String> pairs(String keyword) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Instruction instruction : all(keyword)) {
            Matcher matcher = PAIR.matcher(instruction.arguments());
            while (matcher.find()) {
                pairs.put(matcher.group(1), unquote(matcher.group(2)));
            }
        }
        return pairs;
    }

    private static Copy copy(Instruction instruction) {
        if (instruction.arguments().startsWith("[")) {
            throw new IllegalArgumentException("COPY in JSON form is not read here: " + instruction);
        }
        List<String> words = List.of(instruction.arguments().split("\\s+"));
        int first = (int) IntStream.range(0, words.size()).takeWhile(i -> words.get(i).startsWith("--")).count();
        Map<String, String> flags = new LinkedHashMap<>();
        for (String flag : words.subList(0, first)) {
            String[] parts = flag.substring(2).split("=", 2);
            flags.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        List<String> rest = words.subList(first, words.size());
        if (rest.size() < 2) {
            throw new IllegalArgumentException("COPY needs a source and a destination: " + instruction);
        }
        return new Copy(instruction.index(), flags, rest.subList(0, rest.size() - 1), rest.get(rest.size() - 1));
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"");
        }
        return value;
    }
}
