package dev.switchboard.protocol;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Map;

/**
 * How the server read and relayed signals before it stopped binding them (up to 8061a86): Parsson's streaming
 * scan for the limits, JSON-B binding to a record per signal, the same checks, and JSON-B writing the stamped
 * record. Kept only as the reference the new reading is proved against; the records here leave out
 * {@code from}, {@code room}, {@code fromName} and {@code ts}, which the server discards (reading them could
 * only refuse a frame for what is discarded).
 *
 * <p>One leniency of JSON-B's is not kept, and the reference refuses what it let through: it read a number or
 * a boolean given as {@code to} or {@code sdp} as a string ({@code "to":true} addressed a peer called "true").
 * Those are {@code invalid-message} now.
 */
public final class JsonbSignalReference {

    /** What the reference made of a frame: the relayed frame as JSON, or the error's code and ref. */
    sealed interface Outcome permits Relayed, Refused, NotASignal {
    }

    record Relayed(String to, Object id, JsonObject frame) implements Outcome {
    }

    record Refused(ErrorCode code, Object ref) implements Outcome {
    }

    record NotASignal() implements Outcome {
    }

    public record Offer(String sdp, String to, Object id) {
    }

    public record Answer(String sdp, String to, Object id) {
    }

    public record Candidate(@JsonbNillable JsonValue candidate, String to, Object id) {
    }

    public record Bye(String to, Object id) {
    }

    private static final Map<String, Class<?>> RECORDS =
            Map.of("offer", Offer.class, "answer", Answer.class, "candidate", Candidate.class, "bye", Bye.class);

    private final Jsonb jsonb = JsonbBuilder.create();

    /** The frame relayed in a room, stamped as from {@code from} in {@code room}. */
    Outcome read(String frame, String from, String room) {
        String[] scan = scan(frame);
        if (scan[1] != null) {
            return new Refused(ErrorCode.BAD_JSON, null);
        }
        Class<?> type = scan[0] == null ? null : RECORDS.get(scan[0]);
        if (type == null) {
            return new NotASignal();
        }
        Object record;
        try {
            record = jsonb.fromJson(frame, type);
        } catch (RuntimeException e) {
            return new Refused(ErrorCode.INVALID_MESSAGE, diagnosedId(frame));
        }
        if (coercedToString(frame, "to") || coercedToString(frame, "sdp") && !(record instanceof Candidate)
                && !(record instanceof Bye)) {
            return new Refused(ErrorCode.INVALID_MESSAGE, diagnosedId(frame));
        }
        return checked(scan[0], record, from, room);
    }

    /** Whether the frame's {@code name} is, anywhere at the top level, a number or a boolean, which JSON-B read as a string. */
    private static boolean coercedToString(String frame, String name) {
        try (JsonParser parser = Json.createParser(new StringReader(frame))) {
            int depth = 0;
            boolean named = false;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                boolean value = depth == 1 && named;
                named = depth == 1 && event == JsonParser.Event.KEY_NAME && name.equals(parser.getString());
                switch (event) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_NUMBER, VALUE_TRUE, VALUE_FALSE -> {
                        if (value) {
                            return true;
                        }
                    }
                    default -> { }
                }
            }
            return false;
        }
    }

    private Outcome checked(String type, Object record, String from, String room) {
        JsonObject fields;
        try (var reader = Json.createReader(new StringReader(jsonb.toJson(record)))) {
            fields = reader.readObject();
        }
        Object id = idOf(record);
        if (id != null && !MessageCodec.isUsableId(id)) {
            return new Refused(ErrorCode.INVALID_MESSAGE, null);
        }
        if ((record instanceof Offer offer && offer.sdp() == null)
                || (record instanceof Answer answer && answer.sdp() == null)) {
            return new Refused(ErrorCode.INVALID_MESSAGE, id);
        }
        if (record instanceof Candidate candidate && !isCandidateOrEnd(candidate.candidate())) {
            return new Refused(ErrorCode.INVALID_MESSAGE, id);
        }
        JsonObjectBuilder stamped = Json.createObjectBuilder(fields).add("type", type).add("from", from).add("room", room);
        if (record instanceof Candidate candidate && candidate.candidate() == null) {
            stamped.add("candidate", JsonValue.NULL);
        }
        return new Relayed(toOf(record), id, stamped.build());
    }

    private static Object idOf(Object record) {
        if (record instanceof Offer offer) {
            return offer.id();
        }
        if (record instanceof Answer answer) {
            return answer.id();
        }
        return record instanceof Candidate candidate ? candidate.id() : ((Bye) record).id();
    }

    private static String toOf(Object record) {
        if (record instanceof Offer offer) {
            return offer.to();
        }
        if (record instanceof Answer answer) {
            return answer.to();
        }
        return record instanceof Candidate candidate ? candidate.to() : ((Bye) record).to();
    }

    private static boolean isCandidateOrEnd(JsonValue candidate) {
        return candidate == null || candidate == JsonValue.NULL
                || candidate instanceof JsonObject object && object.get("candidate") instanceof JsonString;
    }

    private static Object diagnosedId(String frame) {
        JsonObject object;
        try (var reader = Json.createReader(new StringReader(frame))) {
            object = reader.readObject();
        }
        Object id = null;
        if (object.get("id") instanceof JsonString string) {
            id = string.getString();
        } else if (object.get("id") instanceof JsonNumber number) {
            id = number.bigDecimalValue();
        }
        return id != null && MessageCodec.isUsableId(id) ? id : null;
    }

    /** The old streaming scan: {type, refusal}. */
    static String[] scan(String frame) {
        try (JsonParser parser = Json.createParser(new StringReader(frame))) {
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
                        if (++depth > MessageCodec.MAX_DEPTH) {
                            return new String[] {null, "too deep"};
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_NUMBER -> {
                        if (parser.getString().length() > MessageCodec.MAX_NUMBER_LENGTH) {
                            return new String[] {null, "too long"};
                        }
                        try {
                            parser.getBigDecimal();
                        } catch (NumberFormatException e) {
                            return new String[] {null, "out of range"};
                        }
                    }
                    default -> { }
                }
            }
            return new String[] {object ? type : null, null};
        } catch (RuntimeException e) {
            return new String[] {null, "not JSON"};
        }
    }
}
