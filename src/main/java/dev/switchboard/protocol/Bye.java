package dev.switchboard.protocol;


/** Hang-up: the sender ends its call with the recipients; it stays in the room until it leaves. */
public record Bye(String to, String from, String room, Object id) implements Signal, Message {
    @Override
    public Bye stamped(String from, String room) {
        return new Bye(to, from, room, id);
    }
}
