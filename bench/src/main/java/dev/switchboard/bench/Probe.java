package dev.switchboard.bench;

/**
 * What a measured message carries inside its payload, readable in every server's framing without parsing
 * JSON: {@code @<kind>.<sender>.<seq>.<scheduledNanos>@} followed by padding. Ids and room names never hold
 * an {@code @}, so the first one in a frame starts the probe.
 *
 * @param kind           {@code o} offer, {@code a} answer, {@code c} candidate
 * @param sender         index of the sending peer
 * @param seq            the sender's sequence number (per scenario; a call's number in call setup)
 * @param scheduledNanos when the message was due to be sent ({@link System#nanoTime()}), so that latency
 *                       includes any delay in sending it (no coordinated omission)
 */
record Probe(char kind, int sender, long seq, long scheduledNanos) {

    static final String PADDING = "x".repeat(70_000);

    String marker() {
        return "@" + kind + "." + sender + "." + seq + "." + scheduledNanos + "@";
    }

    /** The marker padded to {@code length} characters (or the marker alone if it is longer). */
    String body(int length) {
        String marker = marker();
        return length <= marker.length() ? marker : marker + PADDING.substring(0, length - marker.length());
    }

    /** The probe in {@code frame}, or null if it has none. */
    static Probe find(String frame) {
        int at = frame.indexOf('@');
        if (at < 0 || at + 2 >= frame.length()) {
            return null;
        }
        char kind = frame.charAt(at + 1);
        int[] cursor = {at + 3};
        long sender = number(frame, cursor);
        long seq = number(frame, cursor);
        long scheduled = number(frame, cursor);
        return new Probe(kind, (int) sender, seq, scheduled);
    }

    /** Reads a decimal number (maybe negative) from cursor[0] and moves past the '.' or '@' after it. */
    private static long number(String frame, int[] cursor) {
        int i = cursor[0];
        boolean negative = frame.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        char c;
        while ((c = frame.charAt(i)) >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            i++;
        }
        cursor[0] = i + 1;
        return negative ? -value : value;
    }
}
