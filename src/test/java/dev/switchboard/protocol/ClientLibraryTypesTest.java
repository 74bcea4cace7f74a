package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The client library's TypeScript declaration of what the server sends ({@code ServerMessage} in
 * src/main/webapp/js/switchboard.d.ts) against the server schemas in docs/schemas: the same message types,
 * each with the same fields, the same ones optional, and the same values where the declaration lists string
 * literals. A field added to one and not the other fails here.
 *
 * <p>The parser reads only what that declaration uses: a union of object literals, aliases of object literals
 * ({@code RoomReply}) and intersections of them ({@code DirectFields & {...}}), fields {@code name?: type;}, and
 * aliases of string-literal unions ({@code ErrorCode}). Anything else is reported rather than skipped.
 */
class ClientLibraryTypesTest {

    private static final Path DECLARATIONS = Path.of("src", "main", "webapp", "js", "switchboard.d.ts");

    /** A field as declared: whether it may be absent, and its type expression. */
    record Field(boolean optional, String type) {
    }

    @Test
    void serverMessageDeclaresWhatTheSchemasDo() throws Exception {
        String source = withoutComments(Files.readString(DECLARATIONS));
        Map<String, Map<String, Field>> declared = serverMessages(source);
        Map<String, tools.jackson.databind.JsonNode> schemas = new TreeMap<>();
        ProtocolSchemas.shared().serverSchemas().forEach((type, schema) -> schemas.put(type, schema.getSchemaNode()));

        assertEquals(schemas.keySet(), declared.keySet(), "message types in ServerMessage and in docs/schemas/server");
        List<String> differences = new ArrayList<>();
        schemas.forEach((type, schema) -> compare(type, schema, declared.get(type), source, differences));
        assertEquals(List.of(), differences, "switchboard.d.ts and docs/schemas/server differ");
    }

    private static void compare(String type, JsonNode schema, Map<String, Field> fields, String source,
                                List<String> differences) {
        Set<String> properties = new TreeSet<>();
        schema.get("properties").properties().forEach(property -> properties.add(property.getKey()));
        if (!properties.equals(fields.keySet())) {
            differences.add(type + ": the schema has fields " + properties + ", the declaration " + new TreeSet<>(fields.keySet()));
            return;
        }
        Set<String> required = new TreeSet<>();
        schema.get("required").forEach(name -> required.add(name.asString()));
        fields.forEach((name, field) -> {
            if (field.optional() == required.contains(name)) {
                differences.add(type + "." + name + " is " + (field.optional() ? "optional" : "required")
                        + " in the declaration, " + (required.contains(name) ? "required" : "optional") + " in the schema");
            }
            Set<String> literals = literals(field.type(), source);
            JsonNode values = schema.at("/properties/" + name + "/enum");
            if (!literals.isEmpty() && !name.equals("type")) {
                Set<String> enumerated = new TreeSet<>();
                values.forEach(value -> enumerated.add(value.asString()));
                if (!literals.equals(enumerated)) {
                    differences.add(type + "." + name + " takes " + literals + " in the declaration, " + enumerated
                            + " in the schema");
                }
            } else if (values.isArray()) {
                differences.add(type + "." + name + " is " + field.type() + " in the declaration, an enumeration in the schema");
            }
        });
    }

    /** The messages of the {@code ServerMessage} union, each type with its fields. */
    static Map<String, Map<String, Field>> serverMessages(String source) {
        Map<String, Map<String, Field>> messages = new TreeMap<>();
        for (String member : split(alias("ServerMessage", source), '|')) {
            Map<String, Field> fields = new LinkedHashMap<>();
            for (String part : split(member, '&')) {
                fields.putAll(objectLiteral(part.startsWith("{") ? part : alias(part, source)));
            }
            Field type = fields.get("type");
            assertTrue(type != null && !type.optional(), () -> "a member of ServerMessage without a type: " + member);
            for (String name : literals(type.type(), source)) {
                assertTrue(messages.put(name, fields) == null, () -> "ServerMessage declares " + name + " twice");
            }
        }
        return messages;
    }

    /** The right-hand side of {@code export type name = ...;}. */
    private static String alias(String name, String source) {
        Matcher start = Pattern.compile("export type " + Pattern.quote(name.strip()) + "\\s*=").matcher(source);
        assertTrue(start.find(), () -> "no type alias " + name + " in " + DECLARATIONS);
        int depth = 0;
        for (int i = start.end(); i < source.length(); i++) {
            char c = source.charAt(i);
            depth += "{([<".indexOf(c) >= 0 ? 1 : "})]>".indexOf(c) >= 0 ? -1 : 0;
            if (c == ';' && depth == 0) {
                return source.substring(start.end(), i).strip().replaceFirst("^\\|", "").strip();
            }
        }
        throw new AssertionError("type alias " + name + " does not end");
    }

    /** The fields of {@code { name?: type; ... }}. */
    private static Map<String, Field> objectLiteral(String literal) {
        String body = literal.strip();
        assertTrue(body.startsWith("{") && body.endsWith("}"), () -> "not an object literal: " + literal);
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String member : split(body.substring(1, body.length() - 1), ';')) {
            Matcher field = Pattern.compile("(?s)([A-Za-z_$][\\w$]*)(\\??):\\s*(.+)").matcher(member);
            assertTrue(field.matches(), () -> "not a field: " + member);
            fields.put(field.group(1), new Field(!field.group(2).isEmpty(), field.group(3).strip()));
        }
        return fields;
    }

    /** The string literals a type takes ({@code 'a' | 'b'}, or an alias of such a union); empty for other types. */
    private static Set<String> literals(String type, String source) {
        String expression = type.matches("[A-Z]\\w*") && source.contains("export type " + type + " ")
                ? alias(type, source) : type;
        Set<String> literals = new TreeSet<>();
        for (String option : split(expression, '|')) {
            if (!option.matches("'[^']*'")) {
                return Set.of();
            }
            literals.add(option.substring(1, option.length() - 1));
        }
        return literals;
    }

    /** {@code text} cut at each {@code separator} outside brackets, the pieces stripped, empty ones dropped. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : separator;
            depth += "{([<".indexOf(c) >= 0 ? 1 : "})]>".indexOf(c) >= 0 ? -1 : 0;
            if (c == separator && depth == 0) {
                String part = text.substring(from, Math.min(i, text.length())).strip();
                if (!part.isEmpty()) {
                    parts.add(part);
                }
                from = i + 1;
            }
        }
        return parts;
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
