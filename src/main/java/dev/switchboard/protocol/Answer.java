package dev.switchboard.protocol;


/** An SDP answer. */
public record Answer(String sdp, String to, String from, String room, Object id) implements Signal, Message {
    @Override
    public Answer stamped(String from, String room) {
        return new Answer(sdp, to, from, room, id);
    }
}
