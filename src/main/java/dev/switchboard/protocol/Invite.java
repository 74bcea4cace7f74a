package dev.switchboard.protocol;

/** An invitation into {@code room}, where the inviter waits; the invitee accepts by joining the room. */
public record Invite(String room, String to, String from, String fromName, Long ts, Object id)
        implements Personal, Message {

    @Override
    public Invite direct(Sender sender) {
        return new Invite(room, to, sender.peerId(), sender.name(), sender.timestamp(), id);
    }
}
