package dev.switchboard.conformance;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The protocol's JSON Schemas for what a server sends (docs/schemas/server/&lt;type&gt;.json, bundled in the jar
 * under {@code schemas/}), and the check of a received frame against the one of its type.
 */
final class FrameSchemas {

    /**
     * The schemas are read under this made-up base, so that their relative {@code $ref}s
     * ({@code ../common.json#...}) resolve; the registry maps it to the jar and fetches nothing from anywhere.
     */
    private static final String BASE = "https://schemas.switchboard.invalid/";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemas((String iri) -> iri.startsWith(BASE) ? resource(iri.substring(BASE.length())) : null));
    private final Map<String, Schema> byType = new ConcurrentHashMap<>();

    /** Why {@code frame} breaks the protocol's schemas, or null when it matches the schema of its type. */
    String violation(JsonNode frame) {
        if (!frame.isObject()) {
            return "frame is not a JSON object but a " + frame.getNodeType();
        }
        JsonNode type = frame.get("type");
        if (type == null || !type.isString()) {
            return "frame has no string type: " + Frames.quoted(frame);
        }
        // a type is a word of the protocol, never a path: anything else cannot name a schema
        Schema schema = type.asString().matches("[a-z][a-z-]{0,40}")
                ? byType.computeIfAbsent(type.asString(), this::load) : null;
        if (schema == null) {
            return "a server sends no frame of type \"" + type.asString() + "\" (no schema server/" + type.asString()
                    + ".json): " + Frames.quoted(frame);
        }
        List<Error> errors = schema.validate(frame);
        if (errors.isEmpty()) {
            return null;
        }
        return "frame " + Frames.quoted(frame) + " does not match schema server/" + type.asString() + ".json: "
                + errors.stream().map(error -> "at " + where(error) + ": " + error.getMessage())
                        .collect(Collectors.joining("; "));
    }

    private static String where(Error error) {
        return error.getInstanceLocation().getNameCount() == 0 ? "the top level" : error.getInstanceLocation().toString();
    }

    private Schema load(String type) {
        if (FrameSchemas.class.getResource("/schemas/server/" + type + ".json") == null) {
            return null;
        }
        return registry.getSchema(SchemaLocation.of(BASE + "server/" + type + ".json"));
    }

    private static String resource(String path) {
        try (InputStream in = FrameSchemas.class.getResourceAsStream("/schemas/" + path)) {
            if (in == null) {
                throw new IllegalStateException("schema " + path + " is not in the kit's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + path + " from the kit's jar", e);
        }
    }
}
