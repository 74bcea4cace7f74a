package dev.switchboard.protocol;


/** Leave the current room. */
public record Leave(Object id) implements ClientMessage, Message {
}
