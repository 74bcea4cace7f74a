package dev.switchboard.protocol;

import dev.switchboard.protocol.FrameScan.Member;
import java.math.BigDecimal;

/**
 * Reads a signal from a scanned frame without binding it: checks the members the server relies on and
 * keeps the others it relays as the client wrote them. Of a member written twice, the last counts, as with
 * JSON-B. Members other than {@code sdp}, {@code candidate}, {@code to} and {@code id} are not relayed:
 * {@code from}, {@code room}, {@code fromName} and {@code ts} are the server's to set, and anything else is no
 * part of the protocol.
 */
final class SignalReader {

    /** What an id of the wrong kind reads as: present, but unusable (never a usable id, never null). */
    private static final Object NOT_AN_ID = new Object();

    private SignalReader() {
    }

    static ClientMessage read(SignalType type, String frame, FrameScan scan) {
        Member payload = null;
        Member to = null;
        Member id = null;
        String payloadName = type.carriesSdp() ? "sdp" : type == SignalType.CANDIDATE ? "candidate" : null;
        boolean wrongKind = false; // of any to or sdp, not only the last: JSON-B refused those too
        for (Member member : scan.members()) {
            if (member.isNamed(frame, "to")) {
                to = member;
                wrongKind |= !isStringOrNull(frame, member);
            } else if (member.isNamed(frame, "id")) {
                id = member;
            } else if (payloadName != null && member.isNamed(frame, payloadName)) {
                payload = member;
                wrongKind |= type.carriesSdp() && !isStringOrNull(frame, member);
            }
        }
        Object ref = id == null ? null : idValue(frame, id);
        if (wrongKind) {
            return new Malformed(ErrorCode.INVALID_MESSAGE, "fields of this " + type.wireName()
                    + " message have the wrong type", MessageCodec.isUsableId(ref) ? ref : null);
        }
        if (ref != null && !MessageCodec.isUsableId(ref)) {
            return new Malformed(ErrorCode.INVALID_MESSAGE, MessageCodec.UNUSABLE_ID, null);
        }
        if (type.carriesSdp() && isNull(frame, payload)) {
            return new Malformed(ErrorCode.INVALID_MESSAGE, "sdp is required", ref);
        }
        if (type == SignalType.CANDIDATE && !isCandidateOrEnd(frame, payload)) {
            return new Malformed(ErrorCode.INVALID_MESSAGE,
                    "candidate must be an object with a string 'candidate' member, or null", ref);
        }
        String addressee = isNull(frame, to) ? null : JsonText.unquote(frame, to.valueStart(), to.valueEnd());
        return new Signal(type, addressee, ref, members(frame, scan, type, payloadName, payload, to, id));
    }

    /** The members to relay, in the frame's order; a candidate always has one, null for end-of-candidates. */
    private static String members(String frame, FrameScan scan, SignalType type, String payloadName,
                                  Member payload, Member to, Member id) {
        StringBuilder members = new StringBuilder(frame.length() + 20);
        for (Member member : scan.members()) {
            String name = member == payload ? payloadName
                    : member == to && !isNull(frame, to) ? "to"
                    : member == id && !isNull(frame, id) ? "id"
                    : null;
            if (name != null) {
                members.append(",\"").append(name).append("\":").append(frame, member.valueStart(), member.valueEnd());
            }
        }
        if (type == SignalType.CANDIDATE && payload == null) {
            members.append(",\"candidate\":null");
        }
        return members.toString();
    }

    private static boolean isNull(String frame, Member member) {
        return member == null || member.kind(frame) == 'n';
    }

    private static boolean isStringOrNull(String frame, Member member) {
        return isNull(frame, member) || member.kind(frame) == '"';
    }

    /** The id as JSON-B reads it into an {@code Object}: a String, a BigDecimal, or {@link #NOT_AN_ID}. */
    private static Object idValue(String frame, Member id) {
        char kind = id.kind(frame);
        if (kind == '"') {
            return JsonText.unquote(frame, id.valueStart(), id.valueEnd());
        }
        if (kind == '-' || kind >= '0' && kind <= '9') {
            return new BigDecimal(id.value(frame));
        }
        return kind == 'n' ? null : NOT_AN_ID; // true, false, an object or an array
    }

    /** An object whose last {@code candidate} member is a string, or nothing (end-of-candidates). */
    private static boolean isCandidateOrEnd(String frame, Member candidate) {
        if (isNull(frame, candidate)) {
            return true;
        }
        if (candidate.kind(frame) != '{') {
            return false;
        }
        String object = candidate.value(frame);
        FrameScan inner = FrameScan.of(object);
        Member last = null;
        for (Member member : inner.members()) {
            if (member.isNamed(object, "candidate")) {
                last = member;
            }
        }
        return last != null && last.kind(object) == '"';
    }
}
