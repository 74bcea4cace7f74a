package dev.switchboard.protocol;

/** An SDP offer. */
public record Offer(String sdp, String to, String from, String fromName, String room, Long ts, Object id)
        implements Signal, Message {

    @Override
    public Offer inRoom(String from, String room) {
        return new Offer(sdp, to, from, null, room, null, id);
    }

    @Override
    public Offer direct(Sender sender) {
        return new Offer(sdp, to, sender.peerId(), sender.name(), null, sender.timestamp(), id);
    }
}
