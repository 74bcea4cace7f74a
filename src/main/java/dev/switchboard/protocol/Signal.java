package dev.switchboard.protocol;

/**
 * WebRTC signaling from a client, to the other members of its room or directly to one logged-in peer.
 * It is relayed as the client wrote it, but for the fields that say where it comes from ({@code from},
 * {@code fromName}, {@code room}, {@code ts}): the server always sets those itself, and discards whatever
 * the client wrote there.
 *
 * @param type    which signal it is
 * @param to      the peer to deliver to; in a room, null means every other member
 * @param id      the optional request id, echoed as {@code ref} in an error reply (and relayed as sent)
 * @param members the members relayed, exactly as the client wrote their values, each after a comma
 *                (e.g. {@code ,"sdp":"v=0\r\n…","to":"4kQ…"}); read by {@link MessageCodec} and trusted
 */
public record Signal(SignalType type, String to, Object id, String members) implements ClientMessage {

    /** This signal as the other members of the sender's room see it. */
    public RelayedSignal inRoom(String from, String room) {
        StringBuilder frame = start(from, room.length());
        JsonText.quote(frame.append(",\"room\":"), room);
        return new RelayedSignal(type, room, finish(frame));
    }

    /** This signal as its addressee sees it when sent directly, outside rooms. */
    public RelayedSignal direct(Sender sender) {
        StringBuilder frame = start(sender.peerId(), sender.name().length() + 40);
        JsonText.quote(frame.append(",\"fromName\":"), sender.name());
        frame.append(",\"ts\":").append(sender.timestamp());
        return new RelayedSignal(type, null, finish(frame));
    }

    private StringBuilder start(String from, int stamps) {
        StringBuilder frame = new StringBuilder(members.length() + from.length() + stamps + 40);
        frame.append("{\"type\":\"").append(type.wireName()).append("\",\"from\":");
        return JsonText.quote(frame, from);
    }

    private String finish(StringBuilder frame) {
        return frame.append(members).append('}').toString();
    }
}
