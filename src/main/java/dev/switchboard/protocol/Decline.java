package dev.switchboard.protocol;

/** The refusal of an invitation (or of a direct call), delivered back to the inviter. */
public record Decline(String room, String to, String from, String fromName, Long ts, Object id)
        implements Personal, Message {

    @Override
    public Decline direct(Sender sender) {
        return new Decline(room, to, sender.peerId(), sender.name(), sender.timestamp(), id);
    }
}
