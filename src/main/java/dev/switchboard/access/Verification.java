package dev.switchboard.access;

/** What checking a token found: the token, or why it was refused (with detail for the server's log only). */
public sealed interface Verification {

    record Accepted(AccessToken token) implements Verification {
    }

    record Refused(TokenRefusal reason, String detail) implements Verification {
    }
}
