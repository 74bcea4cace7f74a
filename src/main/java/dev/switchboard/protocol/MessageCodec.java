package dev.switchboard.protocol;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes protocol frames with JSON-B. Decoding never throws: a frame that is not a valid
 * client message becomes a {@link Malformed} carrying the error code to answer with.
 * Thread-safe; one instance serves the whole application.
 */
public final class MessageCodec {

    /** The {@code type} values a client may send, read from the subtypes declared on {@link Message}. */
    private static final Set<String> CLIENT_TYPES = Arrays.stream(Message.class.getAnnotation(JsonbTypeInfo.class).value())
            .filter(subtype -> ClientMessage.class.isAssignableFrom(subtype.type()))
            .map(JsonbSubtype::alias)
            .collect(Collectors.toUnmodifiableSet());

    private static final class Holder {
        static final MessageCodec SHARED = new MessageCodec();
    }

    private final Jsonb jsonb = JsonbBuilder.create();

    /** The application's codec: building a Jsonb is costly, so encoders and decoders share this one. */
    public static MessageCodec shared() {
        return Holder.SHARED;
    }

    public String encode(ServerMessage message) {
        return jsonb.toJson(message);
    }

    public ClientMessage decode(String frame) {
        Message message;
        try {
            message = jsonb.fromJson(frame, Message.class);
        } catch (JsonbException | JsonException e) {
            // The common path parses once; only a rejected frame is parsed again to say why.
            return diagnose(frame);
        }
        if (message instanceof ClientMessage clientMessage) { // not the server-only types
            return validate(clientMessage);
        }
        return diagnose(frame);
    }

    private static ClientMessage validate(ClientMessage message) {
        Object id = message.id();
        if (id != null && !(id instanceof String) && !(id instanceof Number)) {
            return new Malformed(ErrorCode.INVALID_MESSAGE, "id must be a string or a number", null);
        }
        if (message instanceof Offer offer && offer.sdp() == null
                || message instanceof Answer answer && answer.sdp() == null) {
            return new Malformed(ErrorCode.INVALID_MESSAGE, "sdp is required", id);
        }
        if (message instanceof Personal personal && personal.to() == null) {
            return new Malformed(ErrorCode.INVALID_MESSAGE, "to is required", id);
        }
        if (message instanceof Candidate candidate && !isCandidateOrEnd(candidate.candidate())) {
            return new Malformed(ErrorCode.INVALID_MESSAGE,
                    "candidate must be an object with a string 'candidate' member, or null", id);
        }
        return message;
    }

    private static boolean isCandidateOrEnd(Map<String, Object> candidate) {
        return candidate == null || candidate.get("candidate") instanceof String;
    }

    /** Explains why JSON-B refused a frame, as precisely as the frame allows. */
    private static Malformed diagnose(String frame) {
        JsonValue parsed;
        try (var reader = Json.createReader(new StringReader(frame))) {
            parsed = reader.readValue();
        } catch (JsonException e) {
            return new Malformed(ErrorCode.BAD_JSON, "frame is not valid JSON", null);
        }
        if (!(parsed instanceof JsonObject object)) {
            return new Malformed(ErrorCode.BAD_JSON, "frame must be a JSON object", null);
        }
        Object id = usableId(object.get("id"));
        if (!(object.get("type") instanceof JsonString type)) {
            return new Malformed(ErrorCode.UNKNOWN_TYPE, "type must be a string", id);
        }
        if (!CLIENT_TYPES.contains(type.getString())) {
            return new Malformed(ErrorCode.UNKNOWN_TYPE, "unknown message type", id);
        }
        return new Malformed(ErrorCode.INVALID_MESSAGE, "fields of this " + type.getString()
                + " message have the wrong type", id);
    }

    /** The request id in the form JSON-B would have given it, so a diagnosed error still carries its ref. */
    private static Object usableId(JsonValue id) {
        if (id instanceof JsonString string) {
            return string.getString();
        }
        if (id instanceof JsonNumber number) {
            return number.bigDecimalValue();
        }
        return null;
    }
}
