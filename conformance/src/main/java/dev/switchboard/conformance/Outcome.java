package dev.switchboard.conformance;

/** What one check came to: its name, whether it passed, failed or could not apply, and what was seen. */
record Outcome(String check, Result result, String seen) {

    enum Result { PASS, FAIL, SKIP }

    static Outcome pass(String check, String seen) {
        return new Outcome(check, Result.PASS, seen);
    }

    static Outcome fail(String check, String seen) {
        return new Outcome(check, Result.FAIL, seen);
    }

    static Outcome skip(String check, String reason) {
        return new Outcome(check, Result.SKIP, reason);
    }
}
