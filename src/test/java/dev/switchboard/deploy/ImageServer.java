package dev.switchboard.deploy;

import dev.switchboard.deploy.Dockerfile.Copy;
import dev.switchboard.health.HealthEndpoints;
import dev.switchboard.it.LibertyServer;
import dev.switchboard.it.ServerUnderTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Liberty server set up and started as the container image does it, on the runtime the build unpacked:
 * its configuration directory holds what the Dockerfile's COPY lines put under /config (and nothing from
 * the development configDropins), and it runs in the foreground as the image's command does
 * ({@code server run}, which the image's entry point execs), with the environment a container would get.
 * Its console output goes to a file.
 */
final class ImageServer implements AutoCloseable {

    private static final String CONFIG = "/config/";

    private final Process process;
    private final Path directory;
    private final int port;
    private final int managementPort;

    private ImageServer(Process process, Path directory, int port, int managementPort) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Lays out server {@code name}, runs it with {@code environment} plus HTTP_PORT and MANAGEMENT_PORT, and waits until it is ready. */
    static ImageServer start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        Path wlp = Path.of(System.getProperty("switchboard.it.wlp", "target/liberty/wlp"));
        Path directory = wlp.resolve("usr/servers/" + name);
        LibertyServer.stopIfLeftRunning(wlp, name);
        delete(directory);
        for (Copy copy : Dockerfile.read().copies()) {
            if (copy.destination().startsWith(CONFIG)) {
                String relative = copy.destination().substring(CONFIG.length());
                for (String source : copy.sources()) {
                    Path file = Project.file(source);
                    Path target = relative.isEmpty() || relative.endsWith("/")
                            ? directory.resolve(relative).resolve(file.getFileName().toString()) : directory.resolve(relative);
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        int port = ServerUnderTest.freePort();
        int managementPort = ServerUnderTest.freePort();
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", name);
        builder.environment().putAll(environment);
        builder.environment().put("HTTP_PORT", String.valueOf(port)); // as docker run -e HTTP_PORT=... would
        builder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.redirectErrorStream(true).redirectOutput(directory.resolve("console.log").toFile());
        ImageServer server = new ImageServer(builder.start(), directory, port, managementPort);
        ServerUnderTest.awaitReady(server.managementUri(HealthEndpoints.READY), "server " + name);
        return server;
    }

    /** The process the command started: what would be PID 1 in the container. */
    Process process() {
        return process;
    }

    URI httpUri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    URI managementUri(String path) {
        return URI.create("http://localhost:" + managementPort + path);
    }

    URI webSocketUri(String path) {
        return URI.create("ws://localhost:" + port + path);
    }

    /** What the server wrote to its standard output and error so far: the container's log. */
    List<String> console() throws IOException {
        return Files.readAllLines(directory.resolve("console.log"));
    }

    List<String> messagesLog() throws IOException {
        return Files.readAllLines(directory.resolve("logs/messages.log"));
    }

    /** Kills the server if it is still running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
    }
}
