package dev.switchboard.conformance;

/**
 * One behaviour of the protocol, checked against the server: {@code behaviour} drives a {@link Session} and
 * returns what it saw when the server behaved as documented, or throws {@link CheckFailed} with what it saw
 * instead, or {@link CheckSkipped} when the behaviour cannot apply to this server.
 */
record Check(String name, Behaviour behaviour) {

    @FunctionalInterface
    interface Behaviour {
        String run(Session session) throws Exception;
    }

    /** Runs the check in a session of its own, which is closed whatever happens. */
    Outcome run(Session session) {
        try (session) {
            String seen = behaviour.run(session);
            session.assertFramesConformed();
            return Outcome.pass(name, seen);
        } catch (CheckFailed failed) {
            return Outcome.fail(name, failed.getMessage());
        } catch (CheckSkipped skipped) {
            return Outcome.skip(name, skipped.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.fail(name, "interrupted");
        } catch (Exception | AssertionError e) {
            return Outcome.fail(name, "the kit failed: " + e);
        }
    }
}
