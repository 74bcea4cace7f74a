package dev.switchboard.it.browser;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A TCP forwarder on loopback between a browser's WebSocket and the server, which a test can cut the way a
 * network fails: {@link #cut()} resets (RST, {@code SO_LINGER} 0) both sides of every connection through it,
 * so neither end gets a close frame, nor even a FIN. While {@link #refuse refusing}, it resets each new
 * connection at once, as an unreachable server does; the browser sees close code 1006 either way.
 *
 * <p>Liberty's virtual host matches the Host header, and accepts only {@code *:<http.port>}, {@code *:80} and
 * {@code *:443}: the forwarder therefore rewrites the Host header of a connection's request head to the
 * server's port. It rewrites only that first head: it is meant for WebSocket connections, which carry one
 * request and then frames, passed on unchanged. The Origin header is left alone (the page's own origin).
 */
final class CuttableForwarder implements AutoCloseable {

    private static final Pattern HOST_HEADER = Pattern.compile("(?im)^Host:[^\r\n]*$");
    private static final int MAX_HEAD = 64 * 1024;

    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> browserSides = ConcurrentHashMap.newKeySet();
    private final Set<Socket> serverSides = ConcurrentHashMap.newKeySet();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    /** Listens on a free loopback port and forwards to {@code targetPort} on loopback. */
    CuttableForwarder(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("forwarder-accept-" + listener.getLocalPort(), this::accept).start();
    }

    /** {@code ws://127.0.0.1:<port><path>}: where a page's signaling goes through this forwarder. */
    URI webSocketUri(String path) {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + path);
    }

    /** Resets every connection through the forwarder on both sides; returns how many connections it cut. */
    int cut() {
        List<Socket> browsers = List.copyOf(browserSides);
        List<Socket> servers = List.copyOf(serverSides);
        // Every socket lingers 0 before any is closed: closing one wakes its pumps, which close the other side
        // at once, and that close must be a reset too.
        browsers.forEach(CuttableForwarder::lingerZero);
        servers.forEach(CuttableForwarder::lingerZero);
        browsers.forEach(CuttableForwarder::closeQuietly);
        servers.forEach(CuttableForwarder::closeQuietly);
        events.add("cut " + browsers.size());
        return browsers.size();
    }

    /** While true, new connections are reset as soon as they are accepted. */
    void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** How many connections were forwarded to the server so far. */
    int forwarded() {
        return forwarded.get();
    }

    /** How many connections were reset on arrival while refusing. */
    int refused() {
        return refused.get();
    }

    /** What happened so far, one line per event, for a failing test to report. */
    @Override
    public String toString() {
        return "forwarder to :" + targetPort + " " + events;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (refusing) {
                refused.incrementAndGet();
                events.add("refused :" + client.getPort());
                reset(client);
            } else {
                daemon("forwarder-" + client.getPort(), () -> forward(client)).start();
            }
        }
    }

    private void forward(Socket client) {
        browserSides.add(client);
        try (Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            serverSides.add(server);
            try {
                InputStream fromClient = new BufferedInputStream(client.getInputStream());
                server.getOutputStream().write(withServersHost(readHead(fromClient)));
                forwarded.incrementAndGet();
                events.add("forwarded :" + client.getPort());
                InputStream fromServer = server.getInputStream();
                Thread back = daemon("forwarder-back-" + client.getPort(),
                        () -> events.add("server to :" + client.getPort() + " " + pump(server, client, fromServer)));
                back.start();
                events.add(":" + client.getPort() + " to server " + pump(client, server, fromClient));
                back.join();
            } finally {
                serverSides.remove(server);
            }
        } catch (IOException | InterruptedException e) {
            // the browser went away before its head was complete, or the server could not be reached
            events.add(":" + client.getPort() + " not forwarded: " + e);
        } finally {
            browserSides.remove(client);
            closeQuietly(client);
        }
    }

    /** The request head, up to and including the empty line that ends it. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0; // how much of CR LF CR LF has been seen
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD) {
                throw new IOException("no complete request head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    private byte[] withServersHost(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        return HOST_HEADER.matcher(text).replaceFirst("Host: localhost:" + targetPort).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Copies {@code in} (read from {@code from}) to {@code to} until the end, then passes the end on (FIN);
     * returns how it ended.
     */
    private static String pump(Socket from, Socket to, InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        try {
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
            return "ended";
        } catch (IOException e) {
            // reset (by cut(), or by an end) or closed: the other direction ends the same way
            closeQuietly(from);
            closeQuietly(to);
            return "failed: " + e;
        }
    }

    private static void reset(Socket socket) {
        lingerZero(socket);
        closeQuietly(socket);
    }

    /** Makes close() send RST instead of FIN. */
    private static void lingerZero(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
