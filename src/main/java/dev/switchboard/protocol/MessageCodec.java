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
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes protocol frames. Decoding never throws: a frame that is not a valid client message becomes
 * a {@link Malformed} carrying the error code to answer with. Thread-safe; one instance serves the whole
 * application.
 *
 * <p>Every frame is first read through once by {@link FrameScan}, which refuses frames that are not
 * well-formed JSON or go beyond the limits and finds the {@code type}. Signals, nearly all of the traffic,
 * are then read from the scan ({@link SignalReader}) and relayed as their sender wrote them, with no JSON-B
 * round trip. Other messages are bound by JSON-B directly to their record (Yasson's polymorphic reading
 * replays the frame through a parser that cannot produce {@code JsonValue} fields), and written
 * polymorphically ({@link Message} declares the {@code type} of each record).
 *
 * <p>The limits are checked before binding, because the JSON libraries do not keep the cost of a frame in
 * proportion to its size: JSON-B reads an {@code Object} field recursively (about 650 nested arrays in
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

    /** Why a request's id is refused. */
    static final String UNUSABLE_ID = "id must be a string of at most " + MAX_ID_CHARS + " characters or a safe integer";
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

    /** The {@code type} of {@code record}'s frames, e.g. {@code login} for {@link Login}; null if it is no message. */
    public static String typeName(Class<?> record) {
        return TYPE_NAMES.get(record);
    }

    /** The {@code type} {@code message} is sent under. */
    public static String typeOf(ServerMessage message) {
        return message instanceof RelayedSignal signal ? signal.type().wireName() : typeName(message.getClass());
    }

    public String encode(ServerMessage message) {
        if (message instanceof RelayedSignal signal) {
            return signal.frame();
        }
        return jsonb.toJson(message);
    }

    public ClientMessage decode(String frame) {
        FrameScan scan = FrameScan.of(frame);
        if (scan.refusal() != null) {
            return new Malformed(ErrorCode.BAD_JSON, scan.refusal(), null);
        }
        String type = scan.type();
        SignalType signal = SignalType.named(type);
        if (signal != null) {
            return SignalReader.read(signal, frame, scan);
        }
        Class<?> record = type == null ? null : CLIENT_TYPES.get(type);
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
        return FrameScan.of(frame).refusal();
    }

    private static ClientMessage validate(ClientMessage message) {
        Object id = message.id();
        if (id != null && !isUsableId(id)) {
            return new Malformed(ErrorCode.INVALID_MESSAGE, UNUSABLE_ID, null);
        }
        if (message instanceof Personal personal && personal.to() == null) {
            return new Malformed(ErrorCode.INVALID_MESSAGE, "to is required", id);
        }
        return message;
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
    static boolean isUsableId(Object id) {
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
