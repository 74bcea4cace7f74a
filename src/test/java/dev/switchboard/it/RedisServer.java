package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real redis-server (the Debian package) on a free loopback port, without persistence, for the cluster
 * tests. Tests that need one skip, with the reason printed, where the binary is missing; with
 * {@code switchboard.redis.required=true} (as in CI) they fail instead.
 */
public final class RedisServer implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("switchboard.redis.server", "/usr/bin/redis-server"));

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
    }

    /** Skips the calling test (or fails it, when required) unless redis-server is installed. */
    public static void assumeInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String reason = "cluster tests need " + BINARY + " (apt-get install redis-server)";
        if (Boolean.getBoolean("switchboard.redis.required")) {
            fail(reason + ", and switchboard.redis.required is true");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    /** Starts a redis-server on a free port and waits until it answers. */
    public static RedisServer start() throws IOException {
        assumeInstalled();
        RedisServer server = new RedisServer(freePort());
        server.restart();
        return server;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port, empty (nothing was saved), and waits until it answers. */
    public void restart() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Awaitility.await("redis-server answering on port " + port).atMost(Duration.ofSeconds(20))
                .failFast("redis-server exited", () -> !process.isAlive())
                .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                .until(() -> "PONG".equals(command("PING")));
    }

    /** Stops the server (SIGTERM) and waits until it is gone. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * Runs one command (its words separated by spaces) and returns the reply as text: a status, an
     * integer, a bulk string (null for none), or the elements of an array joined by newlines.
     */
    public String command(String... words) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            return reply(in);
        }
    }

    private static String reply(BufferedReader in) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("no reply");
        }
        switch (line.charAt(0)) {
            case '+', ':' -> {
                return line.substring(1);
            }
            case '-' -> throw new IOException("Redis error: " + line.substring(1));
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length < 0) {
                    return null;
                }
                char[] data = new char[length + 2];
                int read = 0;
                while (read < data.length) {
                    int n = in.read(data, read, data.length - read);
                    if (n < 0) {
                        throw new IOException("truncated reply");
                    }
                    read += n;
                }
                return new String(data, 0, length);
            }
            case '*' -> {
                int count = Integer.parseInt(line.substring(1));
                List<String> elements = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    elements.add(reply(in));
                }
                return String.join("\n", elements);
            }
            default -> throw new IOException("unexpected reply " + line);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
