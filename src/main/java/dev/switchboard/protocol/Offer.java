package dev.switchboard.protocol;


/** An SDP offer. */
public record Offer(String sdp, String to, String from, String room, Object id) implements Signal, Message {
    @Override
    public Offer stamped(String from, String room) {
        return new Offer(sdp, to, from, room, id);
    }
}
