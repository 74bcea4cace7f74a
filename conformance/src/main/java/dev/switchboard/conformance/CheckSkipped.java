package dev.switchboard.conformance;

/** The check cannot apply to this server (directory disabled, not granted by the token); the message says why. */
final class CheckSkipped extends RuntimeException {
    CheckSkipped(String reason) {
        super(reason, null, false, false);
    }
}
