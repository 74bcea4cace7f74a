package dev.switchboard.protocol;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;

/** Signals as a client sends them, read by the server's own codec: what the services are handed. */
public final class Signals {

    private Signals() {
    }

    public static Signal offer(String sdp) {
        return offer(sdp, null, null);
    }

    public static Signal offer(String sdp, String to, Object id) {
        return read(SignalType.OFFER, Json.createObjectBuilder().add("sdp", sdp), to, id);
    }

    public static Signal answer(String sdp, String to) {
        return read(SignalType.ANSWER, Json.createObjectBuilder().add("sdp", sdp), to, null);
    }

    /** A candidate with {@code candidate} as its {@code candidate} line; null for end-of-candidates. */
    public static Signal candidate(String candidate, String to) {
        JsonValue init = candidate == null ? JsonValue.NULL : Json.createObjectBuilder().add("candidate", candidate).build();
        return read(SignalType.CANDIDATE, Json.createObjectBuilder().add("candidate", init), to, null);
    }

    public static Signal bye(String to, Object id) {
        return read(SignalType.BYE, Json.createObjectBuilder(), to, id);
    }

    /** The relayed signal whose frame is exactly {@code frame}, as a receiver should get it. */
    public static RelayedSignal relayed(String frame) {
        JsonObject object;
        try (var reader = Json.createReader(new StringReader(frame))) {
            object = reader.readObject();
        }
        return new RelayedSignal(SignalType.named(object.getString("type")), object.getString("room", null), frame);
    }

    /** Decodes {@code frame}, which must be a valid signal. */
    public static Signal read(String frame) {
        ClientMessage message = MessageCodec.shared().decode(frame);
        if (message instanceof Signal signal) {
            return signal;
        }
        throw new IllegalArgumentException(frame + " is no signal: " + message);
    }

    private static Signal read(SignalType type, JsonObjectBuilder fields, String to, Object id) {
        fields.add("type", type.wireName());
        if (to != null) {
            fields.add("to", to);
        }
        if (id instanceof String text) {
            fields.add("id", text);
        } else if (id != null) {
            fields.add("id", new BigDecimal(id.toString()));
        }
        JsonObject frame = fields.build();
        return read(frame.toString());
    }
}
