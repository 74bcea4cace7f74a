package dev.switchboard.it.payara;

import dev.switchboard.it.ServerUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Payara Micro serving a WAR, unchanged, at the context root {@code /}: a child process of the test JVM,
 * started with the command the README gives, ready once the application's readiness check answers 200.
 */
final class PayaraMicro implements AutoCloseable {

    /** Payara Micro unpacks itself and deploys in 15-30 s on a busy two-CPU machine. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    /** SIGTERM: the application drains (nothing to drain after the tests), then Payara stops. */
    private static final Duration STOP_WITHIN = Duration.ofSeconds(60);

    /** Heartbeat settings for the tests (defaults: 20 s and 45 s); see {@link #start}. */
    private static final Map<String, String> GHOST_CONNECTION_HEARTBEAT = Map.of(
            "SWITCHBOARD_HEARTBEAT_INTERVAL_MS", "1000", "SWITCHBOARD_HEARTBEAT_TIMEOUT_MS", "3000");

    private final Process process;
    private final Path log;
    /** Kills the server should the test JVM exit without closing it (a failsafe timeout, Ctrl-C). */
    private final Thread killOnExit;

    private PayaraMicro(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "payara-micro-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code jar} deploying {@code war} on {@code port}, in the fresh directory {@code dir} (its
     * runtime files and console log), and waits until the application is ready.
     */
    static PayaraMicro start(Path jar, Path war, int port, Path dir) throws IOException {
        return start(jar, war, port, dir, Map.of());
    }

    /** {@link #start(Path, Path, int, Path)} with {@code environment} added to the process's environment. */
    static PayaraMicro start(Path jar, Path war, int port, Path dir, Map<String, String> environment) throws IOException {
        for (Path required : List.of(jar, war)) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalStateException("no " + required + ": run the build's package phase first");
            }
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        Path log = dir.resolve("console.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(),
                "--deploy", war.toString(),
                "--contextroot", "/",
                "--port", Integer.toString(port),
                "--nohazelcast", // one instance: no data grid, no cluster discovery on the network
                "--disablephonehome",
                "--rootdir", dir.resolve("runtime").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Payara Micro 6 now and then never reports the close of a connection whose client closed abruptly
        // (close frame then TCP reset): the session stays until the heartbeat finds it silent. A short
        // heartbeat removes such a connection within the tests' 10 s wait for a quiet server.
        builder.environment().putAll(GHOST_CONNECTION_HEARTBEAT);
        builder.environment().putAll(environment);
        Process process = builder.start();
        PayaraMicro server = new PayaraMicro(process, log);
        try {
            server.awaitReady(URI.create("http://localhost:" + port + "/health/ready"));
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady(URI readiness) {
        try {
            Awaitility.await("Payara Micro ready at " + readiness).atMost(READY_WITHIN)
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("Payara Micro exited", () -> !process.isAlive())
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                    .until(() -> ServerUnderTest.get(readiness).statusCode() == 200);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Payara Micro was not ready within " + READY_WITHIN + " (" + readiness
                    + "); the end of " + log + ":\n" + tail(), e);
        } catch (TerminalFailureException e) {
            throw new IllegalStateException("Payara Micro exited with " + process.exitValue()
                    + " before the application was ready; the end of " + log + ":\n" + tail(), e);
        }
    }

    /** The last lines of the console log, for a failure message. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Stops the server with SIGTERM, as a container runtime would; kills it if it does not stop in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs now
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
