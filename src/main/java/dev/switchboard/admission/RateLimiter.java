package dev.switchboard.admission;

import dev.switchboard.protocol.Auth;
import dev.switchboard.protocol.ClientMessage;
import dev.switchboard.protocol.Create;
import dev.switchboard.protocol.CreateOrJoin;
import dev.switchboard.protocol.Join;
import dev.switchboard.protocol.Login;

/**
 * One connection's rate limits: every message takes a token from the message bucket; attempts to enter a
 * room or log in (which could be used to guess room or user names) also take one from a slower bucket.
 * Every refusal takes one from a third, the refusals a connection may run up ({@code maxRejected}, of which
 * one a second is forgiven): a connection that has none left keeps sending over its limit and is abusive.
 *
 * <p>Not "refusals in a row", as it was: the message bucket refills while a flood is read, so a flood gets a
 * message through every few milliseconds, and whether a hundred refusals ever came in a row depended on how
 * fast the server read it (RateLimitIT's flood of 5,000 was cut off on Open Liberty; on Payara Micro it got
 * about one message in eight through and was never cut off).
 */
public final class RateLimiter {

    public enum Verdict { ALLOWED, LIMITED, ABUSIVE }

    private final TokenBucket messages;
    private final TokenBucket entries;
    private final TokenBucket refusals;

    RateLimiter(TokenBucket messages, TokenBucket entries, TokenBucket refusals) {
        this.messages = messages;
        this.entries = entries;
        this.refusals = refusals;
    }

    public Verdict check(ClientMessage message, long nowNanos) {
        boolean allowed = messages.tryTake(nowNanos) && (!isEntry(message) || entries.tryTake(nowNanos));
        if (allowed) {
            return Verdict.ALLOWED;
        }
        return refusals.tryTake(nowNanos) ? Verdict.LIMITED : Verdict.ABUSIVE;
    }

    private static boolean isEntry(ClientMessage message) {
        return message instanceof Create || message instanceof Join || message instanceof CreateOrJoin
                || message instanceof Login || message instanceof Auth; // a token check costs a signature check
    }
}
