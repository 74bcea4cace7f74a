package dev.switchboard.conformance;

/** The server did not behave as the protocol says; the message is what was seen instead. */
final class CheckFailed extends RuntimeException {
    CheckFailed(String seen) {
        super(seen, null, false, false);
    }
}
