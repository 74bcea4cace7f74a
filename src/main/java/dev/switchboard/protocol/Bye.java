package dev.switchboard.protocol;

/** Hang-up: the sender ends its call with the recipients (in a room, it stays there until it leaves). */
public record Bye(String to, String from, String fromName, String room, Long ts, Object id)
        implements Signal, Message {

    @Override
    public Bye inRoom(String from, String room) {
        return new Bye(to, from, null, room, null, id);
    }

    @Override
    public Bye direct(Sender sender) {
        return new Bye(to, sender.peerId(), sender.name(), null, sender.timestamp(), id);
    }
}
