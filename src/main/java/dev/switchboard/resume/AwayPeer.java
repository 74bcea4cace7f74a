package dev.switchboard.resume;

import dev.switchboard.connection.Connection;

/** A peer whose connection dropped, kept until {@code deadlineNanos} (of {@link System#nanoTime}) for a resume. */
public record AwayPeer(Connection connection, long deadlineNanos) {

    public String peer() {
        return connection.peer();
    }
}
