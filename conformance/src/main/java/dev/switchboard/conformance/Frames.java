package dev.switchboard.conformance;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Building the messages the kit sends, reading what it receives, and quoting frames without their secrets. */
final class Frames {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Fields a report never prints: session descriptions and credentials. */
    private static final List<String> HIDDEN = List.of("sdp", "token", "resumeToken", "credential");

    private Frames() {
    }

    /** A message of {@code type} with the given field names and values, in pairs. */
    static ObjectNode message(String type, Object... fieldsAndValues) {
        ObjectNode message = JSON.createObjectNode().put("type", type);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            Object value = fieldsAndValues[i + 1];
            message.set((String) fieldsAndValues[i], value == null ? JSON.nullNode() : JSON.valueToTree(value));
        }
        return message;
    }

    /** The frame as JSON, or null when it is not JSON at all. */
    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The frame with its SDP and credentials replaced by their length, cut when long. */
    static String quoted(JsonNode frame) {
        JsonNode copy = frame.deepCopy();
        if (copy instanceof ObjectNode object) {
            for (String field : HIDDEN) {
                JsonNode value = object.get(field);
                if (value != null && value.isString()) {
                    object.put(field, "<" + value.asString().length() + " characters>");
                }
            }
            JsonNode servers = object.get("iceServers");
            if (servers != null) {
                object.put("iceServers", "<" + servers.size() + " servers>");
            }
        }
        String text = copy.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }

    static String text(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
