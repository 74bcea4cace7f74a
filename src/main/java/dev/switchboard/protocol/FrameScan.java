package dev.switchboard.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What one strict pass over a frame (RFC 8259 JSON) tells: whether it is well-formed and within the
 * limits, and where each member of its top-level object starts and ends in the text.
 *
 * <p>Every frame is read here first, before anything binds it. A relayed signal is then built from the spans
 * of its members, so its payload (the SDP, the candidate) is never decoded and encoded again; other messages
 * are bound by JSON-B, which only ever sees complete, well-formed JSON within the limits (Parsson's
 * skipObject/skipArray, which Yasson uses for unknown members, loop forever on a frame that ends inside the
 * skipped value, as shipped in Open Liberty 26.0.0.3 and in Yasson 3.0.4).
 *
 * <p>Hand-written rather than a JSON library's streaming parser: what is needed is the exact text of each
 * value, which Parsson's locations do not define precisely, and the runtime should not carry a second JSON
 * stack for it.
 */
final class FrameScan {

    /** A member of the top-level object: its name's text (between the quotes) and its value's text. */
    record Member(int nameStart, int nameEnd, boolean escapedName, int valueStart, int valueEnd) {

        /** Whether the member is called {@code name}. */
        boolean isNamed(String frame, String name) {
            if (escapedName) {
                return name.equals(JsonText.unquote(frame, nameStart - 1, nameEnd + 1));
            }
            return nameEnd - nameStart == name.length() && frame.startsWith(name, nameStart);
        }

        /** The first character of the value: {@code "}, <code>{</code>, {@code [}, {@code t}, {@code f}, {@code n}, or a number's. */
        char kind(String frame) {
            return frame.charAt(valueStart);
        }

        String value(String frame) {
            return frame.substring(valueStart, valueEnd);
        }
    }

    private final String frame;
    private final List<Member> members = new ArrayList<>(8);
    private int at;
    private int depth;
    private boolean object;
    private String refusal;

    private FrameScan(String frame) {
        this.frame = frame;
    }

    /** Reads {@code frame} through once. */
    static FrameScan of(String frame) {
        FrameScan scan = new FrameScan(frame);
        scan.readFrame();
        return scan;
    }

    /** Why the frame is refused ({@code bad-json}), or null if it is well-formed and within the limits. */
    String refusal() {
        return refusal;
    }

    /** Whether the frame is a JSON object (and well-formed). */
    boolean isObject() {
        return refusal == null && object;
    }

    /** The members of the top-level object, in the frame's order, duplicates included. */
    List<Member> members() {
        return members;
    }

    /** The value of the first top-level {@code type} member that is a string, or null. */
    String type() {
        if (!isObject()) {
            return null;
        }
        for (Member member : members) {
            if (member.isNamed(frame, "type") && member.kind(frame) == '"') {
                return JsonText.unquote(frame, member.valueStart(), member.valueEnd());
            }
        }
        return null;
    }

    private void readFrame() {
        try {
            skipSpace();
            object = frame.charAt(at) == '{';
            readValue();
            skipSpace();
            if (at != frame.length()) {
                throw new NotJson();
            }
        } catch (NotJson | IndexOutOfBoundsException e) { // running off the end is a truncated frame
            if (refusal == null) {
                refusal = "frame is not valid JSON";
            }
        }
    }

    private void readValue() {
        char c = frame.charAt(at);
        switch (c) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"' -> readString();
            case 't' -> readLiteral("true");
            case 'f' -> readLiteral("false");
            case 'n' -> readLiteral("null");
            default -> readNumber();
        }
    }

    private void readObject() {
        open();
        boolean top = depth == 1;
        at++;
        skipSpace();
        if (frame.charAt(at) == '}') {
            at++;
            depth--;
            return;
        }
        while (true) {
            if (frame.charAt(at) != '"') {
                throw new NotJson();
            }
            int nameStart = at + 1;
            boolean escaped = readString();
            int nameEnd = at - 1;
            skipSpace();
            expect(':');
            skipSpace();
            int valueStart = at;
            readValue();
            if (top) {
                members.add(new Member(nameStart, nameEnd, escaped, valueStart, at));
            }
            skipSpace();
            char next = frame.charAt(at++);
            if (next == '}') {
                depth--;
                return;
            }
            if (next != ',') {
                throw new NotJson();
            }
            skipSpace();
        }
    }

    private void readArray() {
        open();
        at++;
        skipSpace();
        if (frame.charAt(at) == ']') {
            at++;
            depth--;
            return;
        }
        while (true) {
            readValue();
            skipSpace();
            char next = frame.charAt(at++);
            if (next == ']') {
                depth--;
                return;
            }
            if (next != ',') {
                throw new NotJson();
            }
            skipSpace();
        }
    }

    private void open() {
        if (++depth > MessageCodec.MAX_DEPTH) {
            refuse("frame is nested deeper than " + MessageCodec.MAX_DEPTH + " levels");
        }
    }

    /** Reads a string from its opening quote to past its closing one; returns whether it holds escapes. */
    private boolean readString() {
        at++;
        boolean escaped = false;
        while (true) {
            char c = frame.charAt(at++);
            if (c == '"') {
                return escaped;
            }
            if (c == '\\') {
                escaped = true;
                readEscape();
            } else if (c < 0x20) {
                throw new NotJson();
            }
        }
    }

    private void readEscape() {
        char c = frame.charAt(at++);
        switch (c) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> { }
            case 'u' -> {
                for (int i = 0; i < 4; i++) {
                    if (Character.digit(frame.charAt(at++), 16) < 0) {
                        throw new NotJson();
                    }
                }
            }
            default -> throw new NotJson();
        }
    }

    private void readLiteral(String literal) {
        if (!frame.startsWith(literal, at)) {
            throw new NotJson();
        }
        at += literal.length();
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, within the length and range limits. */
    private void readNumber() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else {
            digits();
        }
        if (peek() == '.') {
            at++;
            digits();
        }
        boolean exponent = peek() == 'e' || peek() == 'E';
        if (exponent) {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            digits();
        }
        if (at - start > MessageCodec.MAX_NUMBER_LENGTH) {
            refuse("a number is longer than " + MessageCodec.MAX_NUMBER_LENGTH + " characters");
        }
        if (exponent && !inRange(frame.substring(start, at))) {
            refuse("a number is out of range");
        }
    }

    /** BigDecimal's exponent is an int: 1e9999999999 is beyond what the server reads. */
    private static boolean inRange(String number) {
        try {
            new BigDecimal(number);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void digits() {
        int start = at;
        while (at < frame.length() && frame.charAt(at) >= '0' && frame.charAt(at) <= '9') {
            at++;
        }
        if (at == start) {
            throw new NotJson();
        }
    }

    private char peek() {
        return at < frame.length() ? frame.charAt(at) : '\0';
    }

    private void expect(char c) {
        if (frame.charAt(at++) != c) {
            throw new NotJson();
        }
    }

    private void skipSpace() {
        while (at < frame.length() && isSpace(frame.charAt(at))) {
            at++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Stops the pass at the first limit exceeded, as the frame is refused for it. */
    private void refuse(String why) {
        refusal = why;
        throw new NotJson();
    }

    /** Thrown to end the pass; carries no stack trace, since refusing a frame is ordinary. */
    private static final class NotJson extends RuntimeException {
        NotJson() {
            super(null, null, false, false);
        }
    }
}
