package dev.switchboard.protocol;

/** An SDP answer. */
public record Answer(String sdp, String to, String from, String fromName, String room, Long ts, Object id)
        implements Signal, Message {

    @Override
    public Answer inRoom(String from, String room) {
        return new Answer(sdp, to, from, null, room, null, id);
    }

    @Override
    public Answer direct(Sender sender) {
        return new Answer(sdp, to, sender.peerId(), sender.name(), null, sender.timestamp(), id);
    }
}
