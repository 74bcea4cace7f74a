package dev.switchboard.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aUsageErrorExits2WithTheUsage() {
        assertEquals(2, run("--origin"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: java -jar switchboard-conformance.jar"));
    }

    @Test
    void anUnknownCheckIsAUsageErrorNamingTheKnownOnes() {
        assertEquals(2, run("ws://localhost:1", "--only", "create,teleport"));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("no such check: teleport; the checks are welcome, create,"), printed);
    }

    @Test
    void aServerThatIsNotThereExits2() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertEquals(2, run("ws://localhost:" + port, "--timeout-ms", "2000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot run the checks: probe could not connect"));
    }

    @Test
    void checkNamesAreUniqueAndOnlySelectsByName() {
        List<String> names = Checks.all().stream().map(Check::name).toList();
        assertEquals(names.size(), Set.copyOf(names).size(), "two checks share a name: " + names);
        assertEquals(List.of("create", "join-race"), Main.selected(Set.of("join-race", "create")).stream().map(Check::name).toList());
    }

    @Test
    void aCheckThatThrowsIsReportedNotPropagated() {
        assertEquals(Outcome.Result.FAIL, new Check("x", session -> {
            throw new IllegalStateException("kit bug");
        }).run(new Session(null, null)).result());
        assertEquals(new Outcome("y", Outcome.Result.SKIP, "disabled"), new Check("y", session -> {
            throw new CheckSkipped("disabled");
        }).run(new Session(null, null)));
        assertEquals(new Outcome("z", Outcome.Result.FAIL, "closed 1006"), new Check("z", session -> {
            throw new CheckFailed("closed 1006");
        }).run(new Session(null, null)));
    }
}
