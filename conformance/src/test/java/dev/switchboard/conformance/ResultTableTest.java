package dev.switchboard.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void theTableListsEveryCheckWithWhatWasSeenAndSumsUp() {
        ResultTable table = new ResultTable(List.of(
                Outcome.pass("create", "created, peers [], ref 1"),
                Outcome.fail("join-full", "late expected full, got joined"),
                Outcome.skip("directory-login", "the server's directory is disabled")));
        String[] lines = table.render().split("\n");
        assertEquals("check           | result | seen", lines[0]);
        assertEquals("create          | pass   | created, peers [], ref 1", lines[2]);
        assertEquals("join-full       | fail   | late expected full, got joined", lines[3]);
        assertEquals("directory-login | skip   | the server's directory is disabled", lines[4]);
        assertEquals("1 passed, 1 failed, 1 skipped", lines[5]);
    }

    @Test
    void aReportOverSeveralLinesStaysInItsRow() {
        String rendered = new ResultTable(List.of(Outcome.fail("welcome", "frame does not match\n  - at /peerId: bad\n  - at /x: extra")))
                .render();
        assertTrue(rendered.contains("welcome | fail   | frame does not match / - at /peerId: bad / - at /x: extra\n"), rendered);
    }

    @Test
    void oneFailureMakesTheExitCodeNonZeroAndSkipsDoNot() {
        assertEquals(0, new ResultTable(List.of(Outcome.pass("a", ""), Outcome.skip("b", "disabled"))).exitCode());
        assertEquals(1, new ResultTable(List.of(Outcome.pass("a", ""), Outcome.fail("b", "closed 1006"))).exitCode());
        assertEquals(0, new ResultTable(List.of()).exitCode());
    }
}
