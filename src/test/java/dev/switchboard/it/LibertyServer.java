package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.health.HealthEndpoints;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Liberty server, beside the one the build runs, for tests that need the application
 * configured differently: same runtime, same configuration and application as defaultServer, its own
 * free port, and extra environment variables (MicroProfile Config reads them).
 */
public final class LibertyServer implements AutoCloseable {

    private static final List<String> COPIED = List.of("server.xml", "configDropins", "apps");

    private final Path wlp;
    private final String name;
    private final int port;
    private final int managementPort;
    private boolean stopped;

    private LibertyServer(Path wlp, String name, int port, int managementPort) {
        this.wlp = wlp;
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Creates server {@code name} from defaultServer, starts it with {@code environment} and waits until it is ready. */
    public static LibertyServer start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        Path wlp = Path.of(System.getProperty("switchboard.it.wlp", "target/liberty/wlp"));
        Path template = wlp.resolve("usr/servers/defaultServer");
        Path dir = wlp.resolve("usr/servers/" + name);
        stopIfLeftRunning(wlp, name);
        for (String entry : COPIED) {
            copyTree(template.resolve(entry), dir.resolve(entry));
        }
        int port = ServerUnderTest.freePort();
        int managementPort = ServerUnderTest.freePort();
        Files.writeString(dir.resolve("bootstrap.properties"), "http.port=" + port + "\nmanagement.port=" + managementPort + "\n");
        LibertyServer server = new LibertyServer(wlp, name, port, managementPort);
        server.command(environment, true, "start", name);
        ServerUnderTest.awaitReady(server.managementUri(HealthEndpoints.READY), "server " + name);
        return server;
    }

    /** Stops server {@code name} of {@code wlp} if an interrupted earlier run left it running. */
    public static void stopIfLeftRunning(Path wlp, String name) throws IOException, InterruptedException {
        if (Files.exists(wlp.resolve("usr/servers/" + name))) {
            new LibertyServer(wlp, name, 0, 0).command(Map.of(), false, "stop", name);
        }
    }

    public int port() {
        return port;
    }

    public URI httpUri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Where {@code /health} and {@code /metrics} answer: the management port (server.xml). */
    public URI managementUri(String path) {
        return URI.create("http://localhost:" + managementPort + path);
    }

    public URI webSocketUri(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    /** The process id of the server's JVM, from the file Liberty writes for {@code server stop}. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid/" + name + ".pid")).trim());
    }

    /** The server's messages.log as it is now. */
    public String log() throws IOException {
        return Files.readString(wlp.resolve("usr/servers/" + name + "/logs/messages.log"));
    }

    /**
     * Sends the server's JVM SIGTERM, as a container runtime or Kubernetes does to stop it, and returns at
     * once with the process to wait for; {@link #close} does nothing afterwards.
     */
    public ProcessHandle terminate() throws IOException {
        long pid = pid();
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("server " + name + " is not running"));
        stopped = true;
        if (!jvm.destroy()) { // destroy() is SIGTERM on Unix
            fail("could not send SIGTERM to server " + name + " (pid " + pid + ")");
        }
        return jvm;
    }

    /**
     * Kills the server's JVM with SIGKILL (kill -9), as a crashed node or a lost machine goes: no shutdown
     * hook, no closing handshake. Returns once it is gone; {@link #close} does nothing afterwards.
     */
    public void kill() throws IOException, InterruptedException {
        long pid = pid();
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("server " + name + " is not running"));
        stopped = true;
        jvm.destroyForcibly();
        try {
            jvm.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("server " + name + " (pid " + pid + ") did not die", e);
        }
    }

    /** Stops the server; closing it again does nothing. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (!stopped) {
            stopped = true;
            command(Map.of(), true, "stop", name);
        }
    }

    private void command(Map<String, String> environment, boolean mustSucceed, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                Stream.of(wlp.resolve("bin/server").toString()), Stream.of(args)).toList());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("server " + String.join(" ", args) + " did not finish");
        }
        if (mustSucceed) {
            assertEquals(0, process.exitValue(), "server " + String.join(" ", args));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
