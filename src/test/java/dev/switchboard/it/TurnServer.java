package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real coturn (the Debian package) on loopback for one test class, with the "TURN REST API" scheme
 * Switchboard's credentials are made for ({@code use-auth-secret}, a random secret per run), no TLS, relay
 * addresses on 127.0.0.1, and loopback peers allowed (both ends of a test call are on this machine).
 * {@code @RegisterExtension static final TurnServer turn = new TurnServer();} chooses its port at once, so
 * that a server started after it can be configured with {@link #url()} and {@link #secret()}. Tests skip,
 * with the reason printed, where coturn is missing; with {@code switchboard.turn.required=true} (as in CI)
 * they fail instead.
 */
public final class TurnServer implements BeforeAllCallback, AfterAllCallback {

    static final Path BINARY = Path.of(System.getProperty("switchboard.turn.server", "/usr/bin/turnserver"));
    static final Path CLIENT = Path.of(System.getProperty("switchboard.turn.client", "/usr/bin/turnutils_uclient"));
    public static final String REALM = "switchboard.test";
    private static final Pattern ALLOCATED = Pattern.compile("user <([^>]*)>: incoming packet ALLOCATE processed, success");

    private final int port;
    private final String secret;
    private Path directory;
    private Process process;

    public TurnServer() {
        try {
            port = freeTcpAndUdpPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        secret = HexFormat.of().formatHex(random);
    }

    /** Skips the calling test (or fails it, when required) unless coturn is installed. */
    public static void assumeInstalled() {
        if (Files.isExecutable(BINARY) && Files.isExecutable(CLIENT)) {
            return;
        }
        String reason = "TURN tests need " + BINARY + " and " + CLIENT + " (apt-get install coturn)";
        if (Boolean.getBoolean("switchboard.turn.required")) {
            fail(reason + ", and switchboard.turn.required is true");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assumeInstalled();
        directory = Files.createTempDirectory("switchboard-coturn-");
        process = new ProcessBuilder(BINARY.toString(), "-n", "--verbose", // verbose: each allocation is logged with its user
                "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=" + REALM,
                "--no-tls", "--no-dtls", "--no-cli", "--allow-loopback-peers", "--fingerprint",
                "--userdb=" + directory.resolve("turndb"), "--pidfile=" + directory.resolve("turnserver.pid"),
                "--log-file=stdout", "--simple-log")
                .redirectErrorStream(true).redirectOutput(directory.resolve("turnserver.log").toFile()).start();
        Awaitility.await("coturn listening on port " + port).atMost(Duration.ofSeconds(20))
                .failFast("coturn exited; its log: " + directory.resolve("turnserver.log"), () -> !process.isAlive())
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                        return true;
                    }
                });
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    public int port() {
        return port;
    }

    /** The shared secret: Switchboard signs credentials with it, coturn checks them with it. */
    public String secret() {
        return secret;
    }

    /** The TURN URL to give clients (UDP). */
    public String url() {
        return "turn:127.0.0.1:" + port + "?transport=udp";
    }

    /** The STUN URL of the same server. */
    public String stunUrl() {
        return "stun:127.0.0.1:" + port;
    }

    /** What coturn logged so far. */
    public String log() throws IOException {
        return Files.readString(directory.resolve("turnserver.log"));
    }

    /** Whether coturn allocated a relay for {@code username}: it accepted that user's credential. */
    public boolean allocatedFor(String username) throws IOException {
        return allocations().contains(username);
    }

    /** The username of every relay allocated so far, in order (one per allocation). */
    public List<String> allocations() throws IOException {
        return ALLOCATED.matcher(log()).results().map(match -> match.group(1)).toList();
    }

    /**
     * What a TURN client made of {@code username} and {@code credential}: turnutils_uclient allocates two
     * relays with them and sends a few messages between them through the server.
     */
    public Allocation allocate(String username, String credential) throws IOException, InterruptedException {
        Process client = new ProcessBuilder(CLIENT.toString(), "-u", username, "-w", credential, "-p", String.valueOf(port),
                "-e", "127.0.0.1", "-n", "2", "-m", "1", "-y", "127.0.0.1")
                .redirectErrorStream(true).start();
        byte[] output = client.getInputStream().readAllBytes(); // ends when the client does
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("turnutils_uclient did not finish in 60 s");
        }
        return new Allocation(client.exitValue(), new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** turnutils_uclient's exit code (0 when the relays were allocated and carried the messages) and output. */
    public record Allocation(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0 && output.contains("Total lost packets 0");
        }

        /** The last lines of the output, for a failure message. */
        public String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
        }
    }

    private static int freeTcpAndUdpPort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int candidate = ServerUnderTest.freePort();
            try (DatagramSocket udp = new DatagramSocket(candidate, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // the UDP port of that number is in use: try another
            }
        }
        throw new IOException("no port free for both TCP and UDP");
    }
}
