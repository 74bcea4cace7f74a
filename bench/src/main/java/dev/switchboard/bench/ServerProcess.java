package dev.switchboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A server under test, started fresh on a free loopback port, pinned to the server CPUs when given. */
final class ServerProcess implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");

    private final Target target;
    private final Process process;
    private final long pid;
    final int port;
    /** A directory the server writes into and that goes with it, or null. */
    private final Path scratch;

    private ServerProcess(Target target, Process process, long pid, int port, Path scratch) {
        this.target = target;
        this.process = process;
        this.pid = pid;
        this.port = port;
        this.scratch = scratch;
    }

    static ServerProcess start(Target target, Options options) throws Exception {
        int port = freePort();
        int healthPort = port; // where /health/ready answers: Liberty's management port, Payara Micro's one port
        List<String> command = new ArrayList<>();
        if (options.serverCpus() != null) {
            command.addAll(List.of("taskset", "-c", options.serverCpus()));
        }
        Path log = Files.createTempFile("bench-" + target.name().toLowerCase() + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Path peers = options.benchDir().resolve("peers");
        Path scratch = null;
        switch (target) {
            case SWITCHBOARD -> {
                healthPort = freePort();
                command.addAll(liberty(options, options.libertyServer(), port, healthPort));
                switchboardEnvironment(builder, options);
            }
            case FLOOR_LIBERTY -> command.addAll(liberty(options, options.libertyFloorServer(), port, freePort()));
            case SWITCHBOARD_PAYARA -> {
                // The README's command, in a fresh root directory, where Payara Micro unpacks itself.
                scratch = Files.createTempDirectory("bench-payara-");
                command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar", options.payaraJar().toString(), "--deploy", options.war().toString(),
                        "--contextroot", "/", "--port", String.valueOf(port), "--nohazelcast", "--disablephonehome",
                        "--rootdir", scratch.toString()));
                switchboardEnvironment(builder, options);
            }
            case PEERJS -> command.addAll(List.of("node", peers.resolve("node_modules/peer/dist/bin/peerjs.js").toString(),
                    "--port", String.valueOf(port), "--host", "0.0.0.0", "--path", "/",
                    "--concurrent_limit", "100000"));
            case SOCKETIO -> command.addAll(List.of("node", peers.resolve("socketio-server.js").toString(), String.valueOf(port)));
            case FLOOR -> command.addAll(List.of("node", peers.resolve("floor-server.js").toString(), String.valueOf(port)));
        }
        Process process = builder.command(command).start();
        try {
            awaitListening(port, process, log);
            if (target.isSwitchboard()) {
                awaitReady(healthPort);
            }
            return new ServerProcess(target, process, serverPid(process), port, scratch);
        } catch (Exception e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            deleteTree(scratch);
            throw e;
        }
    }

    /** Runs the Liberty server {@code name} (bench/run.sh creates it) on {@code port}, /health and /metrics on {@code managementPort}. */
    private static List<String> liberty(Options options, String name, int port, int managementPort) throws IOException {
        Path server = options.wlp().resolve("usr/servers/" + name);
        Files.writeString(server.resolve("bootstrap.properties"), "http.port=" + port + "\nmanagement.port=" + managementPort + "\n");
        return List.of(options.wlp().resolve("bin/server").toString(), "run", name);
    }

    /**
     * The process that serves: taskset execs what it runs, but Liberty's {@code server run} script starts
     * the JVM as its child.
     */
    private static long serverPid(Process process) {
        return process.descendants()
                .filter(child -> child.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
    }

    /** Switchboard's environment on either runtime, and the JVM options given for it (a flight recording, say). */
    private static void switchboardEnvironment(ProcessBuilder builder, Options options) {
        builder.environment().putAll(switchboardEnvironment());
        if (options.switchboardJavaOptions() != null) {
            builder.environment().put("JAVA_TOOL_OPTIONS", options.switchboardJavaOptions());
        }
    }

    /**
     * Switchboard's shipped defaults, except the limits a load generator on one address would hit: its
     * thousands of connections all come from 127.0.0.1, and idle connections are what one scenario measures.
     */
    static Map<String, String> switchboardEnvironment() {
        return Map.of("SWITCHBOARD_CONNECTIONS_MAX_PER_ADDRESS", "100000",
                "SWITCHBOARD_CONNECTIONS_MAX", "100000",
                "SWITCHBOARD_SESSION_IDLE_TIMEOUT_MS", "3600000");
    }

    /** CPU time the server's process has used so far, in nanoseconds. */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** Resident set size of the server's process, in bytes. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + pid);
    }

    /**
     * For the JVM: bytes of live objects, from a class histogram (which collects first); -1 for other servers.
     * Not GC.heap_info: pinned to one core the JVM picks the serial collector, whose first "used" is the
     * young generation's alone.
     */
    long heapAfterGcBytes() throws Exception {
        if (!target.isJava()) {
            return -1;
        }
        Matcher total = HISTOGRAM_TOTAL.matcher(jcmd("GC.class_histogram"));
        if (!total.find()) {
            throw new IOException("jcmd GC.class_histogram: no total");
        }
        return Long.parseLong(total.group(1));
    }

    /** For the JVM: the class histogram of live objects (a full collection first); null for other servers. */
    String classHistogram() throws Exception {
        return target.isJava() ? jcmd("GC.class_histogram") : null;
    }

    private String jcmd(String command) throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        ProcessHandle server = ProcessHandle.of(pid).orElse(null);
        if (server != null) {
            server.destroy(); // SIGTERM; Switchboard drains and stops
            server.onExit().get(60, TimeUnit.SECONDS);
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        deleteTree(scratch);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void awaitListening(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("server exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100); // polling a port that is not open yet
            }
        }
        throw new IOException("server not listening on " + port + ": " + Files.readString(log));
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the application is still starting
            }
            Thread.sleep(200);
        }
        throw new IOException("Switchboard not ready on " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
