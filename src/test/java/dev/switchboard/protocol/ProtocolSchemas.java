package dev.switchboard.protocol;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas of protocol v1 under {@code docs/schemas}: {@code client/<type>.json} for what a client
 * sends, {@code server/<type>.json} for what the server sends. The same files are the payloads of
 * {@code docs/asyncapi.yaml}, so the document, the unit tests and the integration tests' clients all read
 * one contract. Loaded from the working directory, which Maven sets to the project's.
 */
public final class ProtocolSchemas {

    /** Where the schemas live, relative to the project directory. */
    public static final Path DIRECTORY = Path.of("docs", "schemas");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Fields whose values a failure report must not print: session descriptions and credentials. */
    private static final List<String> HIDDEN = List.of("sdp", "token", "resumeToken", "credential");

    private static final class Holder {
        static final ProtocolSchemas SHARED = new ProtocolSchemas(DIRECTORY);
    }

    private final Map<String, Schema> server;
    private final Map<String, Schema> client;

    ProtocolSchemas(Path directory) {
        SchemaRegistry registry = registry(directory);
        server = load(registry, directory.resolve("server"));
        client = load(registry, directory.resolve("client"));
    }

    /** The schemas of the project's {@code docs/schemas}, loaded once. */
    public static ProtocolSchemas shared() {
        return Holder.SHARED;
    }

    /**
     * A draft-07 registry that reads schemas from files under {@code directory} and nowhere else: the library
     * fetches nothing by default, and the tests must not reach out either.
     */
    static SchemaRegistry registry(Path directory) {
        String base = directory.toAbsolutePath().normalize().toUri().toString();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, builder -> builder.schemas(
                (String iri) -> iri.startsWith(base) ? read(Path.of(URI.create(iri))) : null));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + file, e);
        }
    }

    /** Each {@code <type>.json} of {@code directory}, by type; relative {@code $ref}s resolve against the file. */
    private static Map<String, Schema> load(SchemaRegistry registry, Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).collect(Collectors.toMap(
                    file -> file.getFileName().toString().replaceFirst("\\.json$", ""),
                    file -> registry.getSchema(SchemaLocation.of(file.toAbsolutePath().normalize().toUri().toString())),
                    (a, b) -> a, TreeMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the protocol schemas in " + directory.toAbsolutePath(), e);
        }
    }

    /** The types the server may send, each with its schema. */
    public Map<String, Schema> serverSchemas() {
        return server;
    }

    /** The types a client may send, each with its schema. */
    public Map<String, Schema> clientSchemas() {
        return client;
    }

    /**
     * Why {@code frame}, as the server sent it, breaks the protocol: not a JSON object, no schema for its
     * {@code type}, or each rule of that schema it breaks (instance location, rule, schema location); null
     * when it matches. The frame is quoted with its SDP and credentials hidden.
     */
    public String serverFrameViolation(String frame) {
        return violation(frame, server, "server");
    }

    /** As {@link #serverFrameViolation}, for a message a client sends. */
    public String clientMessageViolation(String frame) {
        return violation(frame, client, "client");
    }

    private static String violation(String frame, Map<String, Schema> schemas, String side) {
        JsonNode message;
        try {
            message = JSON.readTree(frame);
        } catch (JacksonException e) {
            return "frame is not JSON (" + frame.length() + " characters, not quoted: it could hold an SDP)";
        }
        if (!message.isObject()) {
            return "frame is not a JSON object but a " + message.getNodeType();
        }
        JsonNode type = message.get("type");
        Schema schema = type != null && type.isString() ? schemas.get(type.asString()) : null;
        if (schema == null) {
            return "no schema in " + DIRECTORY.resolve(side) + " for the type of frame " + quoted(message);
        }
        List<Error> errors = schema.validate(message);
        if (errors.isEmpty()) {
            return null;
        }
        return "frame " + quoted(message) + " does not match " + DIRECTORY.resolve(side).resolve(type.asString() + ".json")
                + errors.stream().map(ProtocolSchemas::describe).collect(Collectors.joining());
    }

    private static String describe(Error error) {
        String where = error.getInstanceLocation().getNameCount() == 0 ? "the top level" : "" + error.getInstanceLocation();
        return "\n  - at " + where + ": " + error.getMessage() + " [rule " + error.getSchemaLocation() + "]";
    }

    /** The frame with the values of {@link #HIDDEN} fields replaced by their length, and cut when long. */
    static String quoted(JsonNode message) {
        ObjectNode copy = (ObjectNode) message.deepCopy();
        for (String field : HIDDEN) {
            JsonNode value = copy.get(field);
            if (value != null && value.isString()) {
                copy.put(field, "<" + value.asString().length() + " characters>");
            }
        }
        return abbreviate(copy.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "... (" + text.length() + " characters)";
    }
}
