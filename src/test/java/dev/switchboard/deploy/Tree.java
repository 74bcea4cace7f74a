package dev.switchboard.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Paths into parsed YAML (maps of maps and lists), failing with the path that is missing. */
final class Tree {

    private Tree() {
    }

    /** The node at {@code path} below {@code node}, if every step exists. */
    static Optional<Object> find(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
                return Optional.empty();
            }
            current = map.get(step);
        }
        return Optional.ofNullable(current);
    }

    static Object at(Object node, String... path) {
        return find(node, path).orElseThrow(() -> new AssertionError("missing: " + String.join(".", path)));
    }

    static Map<String, Object> map(Object node, String... path) {
        Object found = path.length == 0 ? node : at(node, path);
        if (!(found instanceof Map<?, ?>)) {
            throw new AssertionError("not a mapping: " + String.join(".", path) + " = " + found);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) found;
        return map;
    }

    static List<Object> list(Object node, String... path) {
        Object found = at(node, path);
        if (!(found instanceof List<?>)) {
            throw new AssertionError("not a list: " + String.join(".", path) + " = " + found);
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) found;
        return list;
    }

    static String string(Object node, String... path) {
        return String.valueOf(at(node, path));
    }
}
