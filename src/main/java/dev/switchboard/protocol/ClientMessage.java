package dev.switchboard.protocol;

/** A frame a client may send. {@link Malformed} stands for a frame that could not be read as one. */
public sealed interface ClientMessage
        permits Create, Join, CreateOrJoin, Leave, Login, Logout, Auth, Signal, Personal, Malformed, Oversize {

    /** The optional request id (a string or a number), echoed back as {@code ref} in the reply; may be null. */
    Object id();
}
