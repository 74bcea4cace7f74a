package dev.switchboard.metrics;

import dev.switchboard.access.TokenRefusal;
import dev.switchboard.admission.ConnectionRejection;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.ServerMessage;

/**
 * What the signaling code reports as it works, for {@code /metrics} (the metrics package implements it). Plain
 * Java, so the classes that report are tested without a container ({@link #NONE}). Every call is cheap and
 * never blocks: the relay path makes one per message.
 */
public interface SignalingMetrics {

    /** Counts nothing. */
    SignalingMetrics NONE = new SignalingMetrics() {
    };

    /** A signal or a direct message is being forwarded: once per message, however many members receive it. */
    default void relayed(ServerMessage message) {
    }

    /** A request is being answered with error {@code code} instead of being acted on. */
    default void rejected(ErrorCode code) {
    }

    /** A create, join or create-or-join is being answered {@code full}. */
    default void roomFull() {
    }

    /** A join is being answered {@code empty}: no such room. */
    default void roomEmpty() {
    }

    /** A connection is being turned away, or cut off for breaking a limit. */
    default void connectionRejected(ConnectionRejection reason) {
    }

    /** An access token is being refused, at a handshake or in an {@code auth} message. */
    default void tokenRefused(TokenRefusal reason) {
    }

    /** A peer answered no ping for the heartbeat timeout and is being removed. */
    default void heartbeatTimedOut() {
    }

    /** A create, join or create-or-join was decided and its outcome queued for the peers concerned. */
    default void entryDecided(long nanos) {
    }
}
