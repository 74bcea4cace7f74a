package dev.switchboard.access;

import dev.switchboard.protocol.ClientMessage;
import dev.switchboard.protocol.ErrorCode;

/** What a connection's grants make of a message: act on it (perhaps narrowed), or refuse it with an error. */
public sealed interface AccessDecision {

    /** Act on {@code message}: the one received, or what the grants narrow it to. */
    record Allowed(ClientMessage message) implements AccessDecision {
    }

    /** Answer with error {@code code} ({@code forbidden} or {@code token-expired}); the connection stays open. */
    record Refused(ErrorCode code, String text) implements AccessDecision {
    }
}
