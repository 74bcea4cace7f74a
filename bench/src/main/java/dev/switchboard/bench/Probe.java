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

    /**
     * SDP-like lines as they appear inside a JSON string: text with a {@code \r\n} escape every 40 to 70
     * characters, as real SDP has, so that a server that decodes and re-encodes the string pays for the escapes.
     */
    static final String PADDING = sdpLike(70_000);

    private static String sdpLike(int length) {
        String[] lines = {"a=candidate:1467250027 1 udp 2122260223 192.168.1.10 46243 typ host generation 0",
                "a=fingerprint:sha-256 49:66:12:17:0D:1C:91:AE:57:4C:C6:98:55:4B:4B:0A:E3:A7:8F:1A",
                "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1", "a=ssrc:3735928559 cname:x"};
        StringBuilder padding = new StringBuilder(length + 100);
        for (int i = 0; padding.length() < length; i++) {
            padding.append(lines[i % lines.length]).append("\\r\\n");
        }
        return padding.toString();
    }

    String marker() {
        return "@" + kind + "." + sender + "." + seq + "." + scheduledNanos + "@";
    }

    /** The marker padded to {@code length} characters (or the marker alone if it is longer), never ending inside an escape. */
    String body(int length) {
        String marker = marker();
        if (length <= marker.length()) {
            return marker;
        }
        int end = length - marker.length();
        while (end > 0 && PADDING.charAt(end - 1) == '\\') {
            end--;
        }
        return marker + PADDING.substring(0, end);
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
