package dev.switchboard.protocol;

/**
 * A {@link Signal} stamped with its sender, as its receivers get it: the frame is built once, from the
 * client's own text, and goes to every receiver as it is.
 *
 * @param room  the room it is relayed in; null when it was sent directly, outside rooms
 * @param frame the frame to write
 */
public record RelayedSignal(SignalType type, String room, String frame) implements ServerMessage {
}
