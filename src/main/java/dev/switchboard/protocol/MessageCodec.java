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
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes protocol frames with JSON-B. Decoding never throws: a frame that is not a valid
 * client message becomes a {@link Malformed} carrying the error code to answer with.
 * Thread-safe; one instance serves the whole application.
 *
 * <p>Writing is polymorphic ({@link Message} declares the {@code type} of each record). Reading first
 * finds the {@code type} with a streaming scan and then binds the frame to that record directly: Yasson's
 * polymorphic reading replays the frame through a parser that cannot produce {@code JsonValue} fields and
 * turns booleans inside {@code Object} fields into strings, and relayed JSON must arrive as it was sent.
 *
 * <p>Two limits are checked before any parsing, because the JSON libraries do not keep the cost of a frame
 * in proportion to its size: JSON-B reads an {@code Object} field recursively (about 650 nested arrays in
 * {@code id} overflowed a 1 MB thread stack), and reads a long number in quadratic time (a 64 KB {@code id}
 * of digits took a quarter of a second) or refuses it with an unchecked exception (Parsson, over 1100 characters).
 */
public final class MessageCodec {

    /** The record of each {@code type} a client may send, read from the subtypes declared on {@link Message}. */
    private static final Map<String, Class<?>> CLIENT_TYPES = Arrays.stream(
                    Message.class.getAnnotation(JsonbTypeInfo.class).value())
            .filter(subtype -> ClientMessage.class.isAssignableFrom(subtype.type()))
            .collect(Collectors.toUnmodifiableMap(JsonbSubtype::alias, JsonbSubtype::type));

    /** The most objects and arrays a frame may open inside one another; deeper frames are {@code bad-json}. */
    static final int MAX_DEPTH = 64;

    /** The longest number a frame may hold, in characters; frames with longer ones are {@code bad-json}. */
    static final int MAX_NUMBER_LENGTH = 1000;

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
        String beyondLimits = beyondLimits(frame);
        if (beyondLimits != null) {
            return new Malformed(ErrorCode.BAD_JSON, beyondLimits, null);
        }
        String type = typeOf(frame);
        Class<?> record = type == null ? null : CLIENT_TYPES.get(type);
        if (record == null) {
            return diagnose(frame);
        }
        try {
            return validate((ClientMessage) jsonb.fromJson(frame, record));
        } catch (JsonbException | JsonException | ClassCastException | NumberFormatException e) {
            // Only a rejected frame is parsed once more, to say why.
            return diagnose(frame);
        }
    }

    /**
     * The string value of the top-level {@code type} member; null if there is none, or if the frame is not
     * one complete JSON object. The whole frame is read, because JSON-B skips unknown members with Parsson's
     * {@code skipObject()}/{@code skipArray()}, which spin forever when the frame ends inside the skipped value,
     * as in <code>{"type":"leave","x":{</code> (eclipse-ee4j/parsson#23); {@code next()} throws there instead.
     */
    private static String typeOf(String frame) {
        try (JsonParser parser = Json.createParser(new StringReader(frame))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            String type = null;
            boolean typeRead = false;
            int depth = 1;
            while (depth > 0) {
                JsonParser.Event event = parser.next();
                boolean isType = event == JsonParser.Event.KEY_NAME && depth == 1 && "type".equals(parser.getString());
                if (isType && !typeRead) {
                    typeRead = true; // the first "type" counts, as it always has
                    event = parser.next();
                    if (event == JsonParser.Event.VALUE_STRING) {
                        type = parser.getString();
                    }
                }
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    depth++;
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
            return type;
        } catch (JsonException | java.util.NoSuchElementException e) {
            return null;
        }
    }

    /**
     * Why the frame goes beyond what the server parses, or null if it does not: more than {@link #MAX_DEPTH}
     * objects and arrays inside one another, or a number longer than {@link #MAX_NUMBER_LENGTH} characters.
     * A linear scan of the characters outside strings; past the first syntax error its counts may be off,
     * but no parser reads past that error either.
     */
    static String beyondLimits(String frame) {
        int depth = 0;
        int numberLength = 0;
        boolean inString = false;
        for (int i = 0; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character cannot end the string
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                if (++numberLength > MAX_NUMBER_LENGTH) {
                    return "a number is longer than " + MAX_NUMBER_LENGTH + " characters";
                }
            } else {
                numberLength = 0;
                if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    if (++depth > MAX_DEPTH) {
                        return "frame is nested deeper than " + MAX_DEPTH + " levels";
                    }
                } else if (c == '}' || c == ']') {
                    depth--;
                }
            }
        }
        return null;
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

    /** An object with a string {@code candidate} member, or nothing (end-of-candidates). */
    private static boolean isCandidateOrEnd(JsonValue candidate) {
        return candidate == null || candidate == JsonValue.NULL
                || candidate instanceof JsonObject object && object.get("candidate") instanceof JsonString;
    }

    /** Explains why JSON-B refused a frame, as precisely as the frame allows. */
    private static Malformed diagnose(String frame) {
        JsonValue parsed;
        try (var reader = Json.createReader(new StringReader(frame))) {
            parsed = reader.readValue();
        } catch (JsonException e) {
            return new Malformed(ErrorCode.BAD_JSON, "frame is not valid JSON", null);
        } catch (NumberFormatException e) {
            // Parsson reads numbers into BigDecimal, whose exponent and scale are ints: 1e9999999999 is too far
            return new Malformed(ErrorCode.BAD_JSON, "a number is out of range", null);
        }
        if (!(parsed instanceof JsonObject object)) {
            return new Malformed(ErrorCode.BAD_JSON, "frame must be a JSON object", null);
        }
        Object id = usableId(object.get("id"));
        if (!(object.get("type") instanceof JsonString type)) {
            return new Malformed(ErrorCode.UNKNOWN_TYPE, "type must be a string", id);
        }
        if (!CLIENT_TYPES.containsKey(type.getString())) {
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
