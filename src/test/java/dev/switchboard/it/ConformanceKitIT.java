package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box: the conformance kit against the server under test — Open Liberty in the build's default
 * execution, Payara Micro in its {@code payara} execution (the class is in {@code switchboard.payara.tests}).
 * The kit's printed table is the failure message.
 */
class ConformanceKitIT {

    @AfterAll
    static void theKitLeftNothingBehind() throws Exception {
        ServerUnderTest.awaitNoRoomsAndNoConnections();
    }

    @Test
    void everyCheckPassesAgainstTheServerUnderTest() throws Exception {
        // an origin of the default allowlist, as a page of the deployment would present
        ConformanceKit run = ConformanceKit.run(ServerUnderTest.webSocketUri("").toString(),
                "--origin", "http://localhost:" + ServerUnderTest.port());
        assertEquals(0, run.exitCode(), () -> "the kit found the server not conforming:\n" + run.output());
        assertTrue(run.output().contains(" 0 failed, 0 skipped"), () -> "expected every check to run and pass:\n" + run.output());
    }

    /** The kit can fail: told the rooms hold three, it finds the third member turned away, and says so. */
    @Test
    void aServerThatDiffersFromWhatTheKitExpectsFailsItWith1() throws Exception {
        ConformanceKit run = ConformanceKit.run(ServerUnderTest.webSocketUri("").toString(),
                "--only", "join-full,create", "--room-capacity", "3");
        assertEquals(1, run.exitCode(), () -> "expected exit 1:\n" + run.output());
        assertTrue(run.output().contains("join-full | fail   | C expected joined, got full"), run::output);
        assertTrue(run.output().contains("1 passed, 1 failed, 0 skipped"), run::output);
    }

    @Test
    void aServerThatCannotBeReachedExitsWith2() throws Exception {
        ConformanceKit run = ConformanceKit.run("ws://localhost:" + ServerUnderTest.freePort());
        assertEquals(2, run.exitCode(), () -> "expected exit 2 for no server:\n" + run.output());
        assertTrue(run.output().contains("cannot run the checks"), run::output);
    }
}
