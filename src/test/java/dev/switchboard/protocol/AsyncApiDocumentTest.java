package dev.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/asyncapi.yaml is a valid AsyncAPI 3.0.0 document (checked against the official JSON Schema, vendored
 * under src/test/asyncapi), every reference in it resolves, it describes every message of docs/schemas, and
 * each of its examples matches its message's schema. Part of {@code mvn test}: a broken document fails the build.
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("docs", "asyncapi.yaml");
    private static final Path ASYNCAPI_SCHEMA = Path.of("src", "test", "asyncapi", "asyncapi-3.0.0.schema.json");

    private final JsonNode document = new YAMLMapper().readTree(DOCUMENT.toFile());

    @Test
    void isAValidAsyncApi300Document() {
        assertValid(document, "docs/asyncapi.yaml");
    }

    /**
     * The AsyncAPI schema sees a payload {@code $ref} only as a reference; with each message's schema file put
     * in its place, it checks the payloads as AsyncAPI Schema Objects too.
     */
    @Test
    void isValidWithItsPayloadSchemasInPlace() {
        JsonNode inlined = document.deepCopy();
        inlined.at("/components/messages").properties().forEach(message -> ((ObjectNode) message.getValue())
                .set("payload", JsonMapper.shared().readTree(payloadFile(message.getValue()).toFile())));
        assertValid(inlined, "docs/asyncapi.yaml with its payload schemas in place");
    }

    private static void assertValid(JsonNode document, String what) {
        Schema asyncApi = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of(ASYNCAPI_SCHEMA.toAbsolutePath().toUri().toString()),
                        JsonMapper.shared().readTree(ASYNCAPI_SCHEMA.toFile()));
        List<Error> errors = asyncApi.validate(document);
        assertTrue(errors.isEmpty(), () -> what + " is not valid AsyncAPI 3.0.0:\n" + errors.stream()
                .map(error -> "  - at " + error.getInstanceLocation() + ": " + error.getMessage())
                .collect(Collectors.joining("\n")));
    }

    @Test
    void everyReferenceResolves() {
        List<String> broken = new ArrayList<>();
        references(document, broken::add);
        List<String> unresolved = broken.stream().filter(ref -> !resolves(ref)).toList();
        assertFalse(broken.isEmpty(), "no $ref found: the walk is broken");
        assertEquals(List.of(), unresolved, "references in docs/asyncapi.yaml that lead nowhere");
    }

    private static void references(JsonNode node, java.util.function.Consumer<String> each) {
        if (node.isObject() && node.get("$ref") != null) {
            each.accept(node.get("$ref").asString());
        }
        node.forEach(child -> references(child, each));
    }

    private boolean resolves(String ref) {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        if (file.isEmpty()) {
            return !document.at(pointer).isMissingNode();
        }
        Path target = DOCUMENT.resolveSibling(file);
        return Files.isRegularFile(target) && !JsonMapper.shared().readTree(target.toFile()).at(pointer).isMissingNode();
    }

    /** Each schema under docs/schemas is the payload of exactly one message, so every message is described. */
    @Test
    void describesEveryMessageOfTheSchemas() throws Exception {
        Set<Path> payloads = new TreeSet<>();
        document.at("/components/messages").forEach(message -> assertTrue(payloads.add(payloadFile(message).normalize()),
                () -> "two messages have the payload " + payloadFile(message)));
        Set<Path> schemas;
        try (Stream<Path> files = Stream.concat(Files.list(ProtocolSchemas.DIRECTORY.resolve("client")),
                Files.list(ProtocolSchemas.DIRECTORY.resolve("server")))) {
            schemas = files.map(Path::normalize).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(schemas, payloads);
    }

    /** Both endpoints carry every message; the server receives the client's and sends its own. */
    @Test
    void bothChannelsCarryEveryMessageInTheRightDirection() {
        Set<String> all = names(document.at("/components/messages"));
        for (String channel : List.of("signal", "room")) {
            assertEquals(all, names(document.at("/channels/" + channel + "/messages")), channel);
        }
        Map<String, Set<String>> directions = new TreeMap<>();
        document.at("/operations").properties().forEach(operation -> {
            JsonNode value = operation.getValue();
            String side = "receive".equals(value.get("action").asString()) ? "client" : "server";
            value.get("messages").forEach(ref -> {
                String key = ref.get("$ref").asString().replaceFirst(".*/", "");
                Path payload = payloadFile(document.at("/components/messages/" + key));
                assertTrue(payload.startsWith(ProtocolSchemas.DIRECTORY.resolve(side)),
                        () -> operation.getKey() + " lists " + key + ", whose payload is " + payload);
                directions.computeIfAbsent(operation.getKey(), k -> new TreeSet<>()).add(key);
            });
        });
        Set<String> client = names(document.at("/components/messages"), "client");
        Set<String> server = names(document.at("/components/messages"), "server");
        assertEquals(Map.of("receiveOnRoom", client, "receiveOnSignal", client, "sendOnRoom", server,
                "sendOnSignal", server), directions);
    }

    private static Set<String> names(JsonNode messages) {
        Set<String> names = new TreeSet<>();
        messages.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }

    private static Set<String> names(JsonNode messages, String side) {
        Set<String> names = new TreeSet<>();
        messages.properties().forEach(entry -> {
            if (payloadFile(entry.getValue()).startsWith(ProtocolSchemas.DIRECTORY.resolve(side))) {
                names.add(entry.getKey());
            }
        });
        return names;
    }

    @Test
    void everyExampleMatchesItsMessageSchemaAndItsType() {
        SchemaRegistry registry = ProtocolSchemas.registry(ProtocolSchemas.DIRECTORY);
        List<String> failures = new ArrayList<>();
        document.at("/components/messages").properties().forEach(entry -> {
            JsonNode message = entry.getValue();
            Path file = payloadFile(message).toAbsolutePath().normalize();
            Schema schema = registry.getSchema(SchemaLocation.of(file.toUri().toString()));
            assertTrue(message.get("examples").size() > 0, () -> entry.getKey() + " has no example");
            for (JsonNode example : message.get("examples")) {
                JsonNode payload = example.get("payload");
                if (!message.get("name").asString().equals(payload.path("type").asString())) {
                    failures.add(entry.getKey() + ": example of type " + payload.get("type") + " in message "
                            + message.get("name"));
                }
                schema.validate(payload).forEach(error -> failures.add(entry.getKey() + ": " + payload.get("type")
                        + " example at " + error.getInstanceLocation() + ": " + error.getMessage()));
            }
        });
        assertEquals(List.of(), failures);
    }

    /** The schema file a message's payload refers to, relative to the project. */
    private static Path payloadFile(JsonNode message) {
        return DOCUMENT.resolveSibling(message.get("payload").get("$ref").asString());
    }
}
