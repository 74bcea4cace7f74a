package dev.switchboard.protocol;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
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
 * <p>Two limits are checked before binding, because the JSON libraries do not keep the cost of a frame
 * in proportion to its size: JSON-B reads an {@code Object} field recursively (about 650 nested arrays in
 * {@code id} overflowed a 1 MB thread stack, an Error no handler should have to catch), and reads a long
 * number in quadratic time (a 64 KB {@code id} of digits took a quarter of a second).
 */
public final class MessageCodec {

    /** Every record with its {@code type}, as declared on {@link Message}. */
    private static final JsonbSubtype[] SUBTYPES = Message.class.getAnnotation(JsonbTypeInfo.class).value();

    /** The record of each {@code type} a client may send. */
    private static final Map<String, Class<?>> CLIENT_TYPES = Arrays.stream(SUBTYPES)
            .filter(subtype -> ClientMessage.class.isAssignableFrom(subtype.type()))
            .collect(Collectors.toUnmodifiableMap(JsonbSubtype::alias, JsonbSubtype::type));

    /** The {@code type} of each record. */
    private static final Map<Class<?>, String> TYPE_NAMES = Arrays.stream(SUBTYPES)
            .collect(Collectors.toUnmodifiableMap(JsonbSubtype::type, JsonbSubtype::alias));

    private static final class Holder {
        static final MessageCodec SHARED = new MessageCodec();
    }

    /** The most objects and arrays a frame may open inside one another; deeper frames are {@code bad-json}. */
    static final int MAX_DEPTH = 64;

    /** The longest number a frame may hold, in characters; frames with longer ones are {@code bad-json}. */
    static final int MAX_NUMBER_LENGTH = 1000;

    private static final int MAX_ID_CHARS = 128;
    private static final BigDecimal MAX_SAFE_INTEGER = BigDecimal.valueOf((1L << 53) - 1);

    /**
     * Looked up once: {@code Json.createParser} looks the provider up through the ServiceLoader on every
     * call, which under Open Liberty's class loaders cost more than parsing the frame (JFR, relay load).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Jsonb jsonb = JsonbBuilder.create();

    /** The application's codec: building a Jsonb is costly, so encoders and decoders share this one. */
    public static MessageCodec shared() {
        return Holder.SHARED;
    }

    /** The {@code type} of {@code record}'s frames, e.g. {@code offer} for {@link Offer}; null if it is no message. */
    public static String typeName(Class<?> record) {
        return TYPE_NAMES.get(record);
    }

    public String encode(ServerMessage message) {
        return jsonb.toJson(message);
    }

    public ClientMessage decode(String frame) {
        Scan scan = scan(frame);
        if (scan.refusal() != null) {
            return new Malformed(ErrorCode.BAD_JSON, scan.refusal(), null);
        }
        Class<?> record = scan.type() == null ? null : CLIENT_TYPES.get(scan.type());
        if (record == null) {
            return diagnose(frame);
        }
        try {
            return validate((ClientMessage) jsonb.fromJson(frame, record));
        } catch (RuntimeException e) { // JsonbException, ClassCastException: fields of the wrong kind
            // Only a rejected frame is parsed once more, to say why.
            return diagnose(frame);
        }
    }

    /** Why {@link #decode} refuses {@code frame} before binding it ({@code bad-json}), or null if it does not. */
    static String refusal(String frame) {
        return scan(frame).refusal();
    }

    /** What reading a frame through once tells: the string value of its top-level {@code type}, or a refusal. */
    private record Scan(String type, String refusal) {
        static Scan refused(String why) {
            return new Scan(null, why);
        }
    }

    /**
     * Reads the whole frame once, event by event, before any binding, and finds the top-level {@code type}
     * (null if there is none or the frame is not an object). Refuses frames that are not well-formed JSON,
     * and frames beyond the limits, as soon as it meets the excess.
     *
     * <p>Binding only ever sees complete, well-formed JSON: Parsson's skipObject/skipArray, which Yasson
     * uses for unknown members, loop forever on a frame that ends inside the skipped value (seen with
     * Parsson as shipped in Open Liberty 26.0.0.3 and with Yasson 3.0.4's), so one truncated frame would pin
     * a server thread for good. And binding only sees frames within the limits.
     */
    private static Scan scan(String frame) {
        try (JsonParser parser = JSON.createParser(new StringReader(frame))) {
            String type = null;
            int depth = 0;
            boolean typeKey = false;
            boolean object = false;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (depth == 0) {
                    object = event == JsonParser.Event.START_OBJECT;
                }
                if (depth == 1 && typeKey && event == JsonParser.Event.VALUE_STRING && type == null) {
                    type = parser.getString();
                }
                typeKey = depth == 1 && event == JsonParser.Event.KEY_NAME && "type".equals(parser.getString());
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            return Scan.refused("frame is nested deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_NUMBER -> {
                        String refusal = numberRefusal(parser);
                        if (refusal != null) {
                            return Scan.refused(refusal);
                        }
                    }
                    default -> { }
                }
            }
            return new Scan(object ? type : null, null);
        } catch (RuntimeException e) { // JsonException, NoSuchElementException, a limit of Parsson's own
            return Scan.refused("frame is not valid JSON");
        }
    }

    /** Why the number the parser is at goes beyond what the server reads, or null. */
    private static String numberRefusal(JsonParser parser) {
        if (parser.getString().length() > MAX_NUMBER_LENGTH) {
            return "a number is longer than " + MAX_NUMBER_LENGTH + " characters";
        }
        try {
            parser.getBigDecimal();
            return null;
        } catch (NumberFormatException e) { // BigDecimal's exponent is an int: 1e9999999999 is out of its range
            return "a number is out of range";
        }
    }

    private static ClientMessage validate(ClientMessage message) {
        Object id = message.id();
        if (id != null && !isUsableId(id)) {
            return new Malformed(ErrorCode.INVALID_MESSAGE,
                    "id must be a string of at most " + MAX_ID_CHARS + " characters or a safe integer", null);
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
        try (var reader = JSON.createReader(new StringReader(frame))) {
            parsed = reader.readValue(); // known to be well-formed: decode checked
        } catch (RuntimeException e) {
            return new Malformed(ErrorCode.BAD_JSON, "frame is not valid JSON", null);
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
        Object value = null;
        if (id instanceof JsonString string) {
            value = string.getString();
        } else if (id instanceof JsonNumber number) {
            value = number.bigDecimalValue();
        }
        return value != null && isUsableId(value) ? value : null;
    }

    /**
     * A short string, or an integer every client reads back exactly (JavaScript's safe integers): an id is
     * echoed as {@code ref}, so a 50,000-digit number or a huge string would be echoed too.
     */
    private static boolean isUsableId(Object id) {
        if (id instanceof String string) {
            return string.length() <= MAX_ID_CHARS;
        }
        if (id instanceof BigDecimal number) {
            return number.precision() - number.scale() <= 16 && number.stripTrailingZeros().scale() <= 0
                    && number.abs().compareTo(MAX_SAFE_INTEGER) <= 0;
        }
        if (id instanceof Integer || id instanceof Long) {
            return Math.abs(((Number) id).longValue()) <= MAX_SAFE_INTEGER.longValue();
        }
        return false;
    }
}
