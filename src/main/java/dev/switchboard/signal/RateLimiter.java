package dev.switchboard.signal;

import dev.switchboard.protocol.ClientMessage;
import dev.switchboard.protocol.Create;
import dev.switchboard.protocol.CreateOrJoin;
import dev.switchboard.protocol.Join;
import dev.switchboard.protocol.Login;

/**
 * One connection's rate limits: every message takes a token from the message bucket; attempts to enter a
 * room or log in (which could be used to guess room or user names) also take one from a slower bucket.
 * A connection that keeps sending after {@code maxRejected} refusals in a row is abusive.
 */
final class RateLimiter {

    enum Verdict { ALLOWED, LIMITED, ABUSIVE }

    private final TokenBucket messages;
    private final TokenBucket entries;
    private final int maxRejected;
    private int rejectedInARow;

    RateLimiter(TokenBucket messages, TokenBucket entries, int maxRejected) {
        this.messages = messages;
        this.entries = entries;
        this.maxRejected = maxRejected;
    }

    Verdict check(ClientMessage message, long nowNanos) {
        boolean allowed = messages.tryTake(nowNanos) && (!isEntry(message) || entries.tryTake(nowNanos));
        if (allowed) {
            rejectedInARow = 0;
            return Verdict.ALLOWED;
        }
        rejectedInARow++;
        return rejectedInARow > maxRejected ? Verdict.ABUSIVE : Verdict.LIMITED;
    }

    private static boolean isEntry(ClientMessage message) {
        return message instanceof Create || message instanceof Join || message instanceof CreateOrJoin
                || message instanceof Login;
    }
}
