package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The conformance kit (conformance/), run as anyone would run it: {@code java -jar} in a process of its own.
 * The build makes the jar (exec-maven-plugin, pre-integration-test) and says where it is.
 */
record ConformanceKit(int exitCode, String output) {

    /** A whole run takes seconds; a kit that hangs must not hang the build. */
    private static final long MINUTES = 5;

    /** Runs the kit with {@code arguments}; what it printed, table and errors, is in {@link #output()}. */
    static ConformanceKit run(String... arguments) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("switchboard.it.conformance.jar", "conformance/target/switchboard-conformance.jar"));
        assertTrue(Files.isRegularFile(jar), () -> "no kit at " + jar + ": mvn verify builds it, or mvn -f conformance/pom.xml package");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("conformance-kit", ".txt");
        try {
            Process kit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!kit.waitFor(MINUTES, TimeUnit.MINUTES)) {
                kit.destroyForcibly();
                throw new AssertionError("the kit did not finish within " + MINUTES + " minutes:\n" + Files.readString(output));
            }
            String printed = Files.readString(output);
            System.out.println(printed); // the table, in the test's report
            return new ConformanceKit(kit.exitValue(), printed);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
