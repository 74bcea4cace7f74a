package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.connection.Connection;
import dev.switchboard.protocol.ProtocolSchemas;
import jakarta.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A WebSocket client on a plain socket, for the frames a conforming client never sends: reserved opcodes
 * and RSV bits, unmasked frames, invalid UTF-8, lengths that lie, fragments and control frames in any
 * order, bytes dribbled one at a time. It does the HTTP/1.1 upgrade itself and then writes exactly the
 * {@link Frame}s it is given; a reader thread queues what the server sends (answering pings at once, as a
 * browser does), and every read waits with a timeout.
 */
public final class RawWebSocket implements AutoCloseable {

    static final Duration WAIT = TestPeer.WAIT;
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Marks the end of the server's byte stream in the queue of received frames. */
    private static final Frame END_OF_STREAM = new Frame(true, 0, -1, false, new byte[0], 0);

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private RawWebSocket(Socket socket, InputStream in) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(() -> readFrames(new DataInputStream(in)), "raw-websocket-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Upgrades a connection to {@code path} of the server under test; fails unless it answers 101. */
    public static RawWebSocket connect(String path) {
        return connect(path, null);
    }

    /** As {@link #connect(String)}, sending {@code origin} as the Origin header (none when null). */
    public static RawWebSocket connect(String path, String origin) {
        return connect(Integer.parseInt(ServerUnderTest.port()), path, origin);
    }

    /** Upgrades a connection to {@code path} of another server. */
    public static RawWebSocket connect(LibertyServer server, String path) {
        return connect(server.port(), path, null);
    }

    private static RawWebSocket connect(int port, String path, String origin) {
        Socket socket = openSocket(port);
        boolean upgraded = false;
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int status = handshake(socket, in, port, path, origin);
            assertEquals(101, status, () -> "the server refused the upgrade to " + path);
            socket.setSoTimeout(0); // from now on the reader thread blocks; reads of the queue time out instead
            RawWebSocket webSocket = new RawWebSocket(socket, in);
            upgraded = true;
            return webSocket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!upgraded) {
                closeQuietly(socket);
            }
        }
    }

    /** Attempts an upgrade to {@code path} and returns the HTTP status: 101 when accepted (then closes again). */
    public static int handshakeStatus(String path, String origin) {
        int port = Integer.parseInt(ServerUnderTest.port());
        Socket socket = openSocket(port);
        try {
            return handshake(socket, new BufferedInputStream(socket.getInputStream()), port, path, origin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly(socket);
        }
    }

    // ---- writing

    /** Writes the frames back to back, as one write. */
    public void send(Frame... frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            bytes.writeBytes(frame.encode());
        }
        writeRaw(bytes.toByteArray());
    }

    /** Sends one masked, final text frame. */
    public void sendText(String text) {
        send(Frame.text(text));
    }

    /**
     * Writes {@code frame} one byte per TCP segment, pausing {@code pause} between bytes so that the
     * server's reads see it in pieces (the pause paces the writer; it synchronises nothing).
     */
    public void sendSlowly(Frame frame, Duration pause) {
        synchronized (out) { // a pong from the reader thread must not land inside the frame
            writeSlowly(frame, pause);
        }
    }

    private void writeSlowly(Frame frame, Duration pause) {
        try {
            socket.setTcpNoDelay(true);
            for (byte b : frame.encode()) {
                out.write(b);
                out.flush();
                LockSupport.parkNanos(pause.toNanos());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes bytes as they are: a frame header without its payload, garbage, anything. */
    public void writeRaw(byte[] bytes) {
        try {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- reading

    /** The next frame the server sent, whatever it is; fails when none comes in time or the connection ended. */
    public Frame next() {
        Frame frame = poll(WAIT);
        if (frame == null) {
            fail("no frame within " + WAIT);
        }
        if (frame == END_OF_STREAM) {
            fail("the server closed the connection without sending a frame");
        }
        return frame;
    }

    /** The next frame other than a ping, which must be text: a message that matches its schema in docs/schemas. */
    public String nextText() {
        Frame frame = nextSkippingPings();
        assertEquals(Frame.TEXT, frame.opcode(), () -> "expected a text frame, got " + frame);
        String violation = ProtocolSchemas.shared().serverFrameViolation(frame.text());
        if (violation != null) {
            fail("the server sent a frame that breaks the protocol: " + violation);
        }
        return frame.text();
    }

    /** The next text frame as a JSON message, which must be of {@code type}. */
    public JsonObject nextMessage(String type) {
        JsonObject message = ServerUnderTest.json(nextText());
        assertEquals(type, message.getString("type", null), () -> "unexpected message " + message);
        return message;
    }

    /** The next frame other than a ping, which must be a pong. */
    public Frame nextPong() {
        Frame frame = nextSkippingPings();
        assertEquals(Frame.PONG, frame.opcode(), () -> "expected a pong, got " + frame);
        return frame;
    }

    /**
     * Waits for the server to close: its next frame, pings apart, must be a close frame, which is echoed as
     * RFC 6455 asks and returned. A connection that ends without a close frame is reported with the code
     * 1006, which RFC 6455 reserves for exactly that and never puts on the wire.
     */
    public Close awaitClose() {
        Frame frame = pollSkippingPings();
        if (frame == END_OF_STREAM) {
            return new Close(1006, "");
        }
        assertEquals(Frame.CLOSE, frame.opcode(), () -> "expected the server to close, got " + frame);
        echo(frame);
        return new Close(frame.closeCode(), frame.closeReason());
    }

    /** Whether the server has ended the TCP connection, waiting up to {@code timeout}; drops frames on the way. */
    private boolean awaitEndOfStream(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Frame frame = poll(Duration.ofNanos(left));
            if (frame == null) {
                return false;
            }
        }
        return true;
    }

    /** Sends a normal close frame unless the connection is already gone, then closes the socket. */
    @Override
    public void close() {
        if (!ended && !socket.isClosed()) {
            try {
                send(Frame.close(1000, "bye"));
                awaitEndOfStream(Duration.ofSeconds(2)); // give the server the chance to close first, as it should
            } catch (UncheckedIOException e) {
                // the server has already gone: nothing to say goodbye to
            }
        }
        closeQuietly(socket);
    }

    /**
     * Sends a normal close frame and drops the connection at once with a TCP reset, as a crashing browser
     * tab or a lost network can: every later write of the server to it fails.
     */
    public void reset() {
        try {
            send(Frame.close(1000, "bye"));
            socket.setSoLinger(true, 0);
        } catch (IOException | UncheckedIOException e) {
            // already gone: nothing to reset
        }
        closeQuietly(socket);
    }

    private Frame nextSkippingPings() {
        Frame frame = pollSkippingPings();
        if (frame == END_OF_STREAM) {
            fail("the server closed the connection without a close frame");
        }
        return frame;
    }

    /** The next frame other than a ping, or END_OF_STREAM; fails after the timeout. */
    private Frame pollSkippingPings() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Frame frame = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (frame == null) {
                fail("no frame from the server within " + WAIT);
            }
            if (frame.opcode() != Frame.PING) {
                return frame;
            }
        }
    }

    private void answer(Frame ping) {
        try {
            send(Frame.pong(ping.payload()));
        } catch (UncheckedIOException e) {
            // closing: the pong does not matter any more
        }
    }

    private void echo(Frame close) {
        try {
            send(Frame.of(Frame.CLOSE, close.payload().length >= 2 ? Arrays.copyOf(close.payload(), 2) : new byte[0]));
        } catch (UncheckedIOException e) {
            // the server may drop the connection right after its close frame
        }
    }

    private Frame poll(Duration timeout) {
        try {
            return received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void readFrames(DataInputStream in) {
        try {
            while (true) {
                Frame frame = Frame.readFrom(in);
                if (frame.opcode() == Frame.PING) {
                    answer(frame);
                }
                received.add(frame);
            }
        } catch (IOException e) {
            // end of stream, reset or our own close: all end the connection the same way for a test
        } finally {
            ended = true;
            received.add(END_OF_STREAM);
        }
    }

    // ---- the handshake

    private static Socket openSocket(int port) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("localhost", port), (int) WAIT.toMillis());
            socket.setSoTimeout((int) WAIT.toMillis());
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the upgrade request and reads the response head; returns its status. */
    private static int handshake(Socket socket, InputStream in, int port, String path, String origin)
            throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (origin != null) {
            request.append("Origin: ").append(origin).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();

        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            fail("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        String accept = null;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                accept = line.substring(colon + 1).trim();
            }
        }
        if (status == 101) {
            assertEquals(expectedAccept(key), accept, "Sec-WebSocket-Accept does not match the key");
        }
        return status;
    }

    /** One line of the response head, read byte by byte so that no frame byte after the head is consumed. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("connection closed inside the HTTP response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String expectedAccept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    /** How the server ended the connection: the code and reason of its close frame (1006: no close frame). */
    public record Close(int code, String reason) {
    }

    /**
     * One WebSocket frame as it goes on the wire, faithfully including what RFC 6455 forbids. Built masked
     * and final with a true length; {@link #notFinal()}, {@link #withRsv(int)}, {@link #unmasked()} and
     * {@link #declaring(long)} bend it.
     *
     * @param declaredLength the payload length the header states, which need not be the payload's
     */
    public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload, long declaredLength) {

        public static final int CONTINUATION = 0x0;
        public static final int TEXT = 0x1;
        public static final int BINARY = 0x2;
        public static final int CLOSE = 0x8;
        public static final int PING = 0x9;
        public static final int PONG = 0xA;
        /** More than any frame this server should send; guards the reader against a runaway length. */
        private static final int MAX_READ = 16 * 1024 * 1024;

        /** A final, masked frame of any opcode (reserved ones too) with exactly {@code payload}. */
        public static Frame of(int opcode, byte[] payload) {
            return new Frame(true, 0, opcode, true, payload, payload.length);
        }

        public static Frame text(String text) {
            return of(TEXT, utf8(text));
        }

        /** A text frame carrying bytes as they are, valid UTF-8 or not. */
        public static Frame text(byte[] payload) {
            return of(TEXT, payload);
        }

        public static Frame binary(byte[] payload) {
            return of(BINARY, payload);
        }

        public static Frame continuation(String text) {
            return of(CONTINUATION, utf8(text));
        }

        public static Frame continuation(byte[] payload) {
            return of(CONTINUATION, payload);
        }

        public static Frame ping(byte[] payload) {
            return of(PING, payload);
        }

        public static Frame pong(byte[] payload) {
            return of(PONG, payload);
        }

        public static Frame close(int code, String reason) {
            byte[] text = utf8(reason);
            return of(CLOSE, ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array());
        }

        /** The same frame with FIN clear: more fragments of its message follow. */
        public Frame notFinal() {
            return new Frame(false, rsv, opcode, masked, payload, declaredLength);
        }

        /** The same frame with the RSV bits {@code bits} (1 to 7: RSV1 is 4, RSV2 is 2, RSV3 is 1). */
        public Frame withRsv(int bits) {
            return new Frame(fin, bits, opcode, masked, payload, declaredLength);
        }

        /** The same frame without a mask, which a client must never send. */
        public Frame unmasked() {
            return new Frame(fin, rsv, opcode, false, payload, declaredLength);
        }

        /** The same payload under a header that claims {@code length} bytes (taken as unsigned 64 bits). */
        public Frame declaring(long length) {
            return new Frame(fin, rsv, opcode, masked, payload, length);
        }

        /** The payload as UTF-8 text. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame; 1005, as RFC 6455 has it, when the frame carries none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        /** The frame's bytes: header (with the declared length in the shortest form that holds it), mask, payload. */
        public byte[] encode() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 14);
            bytes.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | (opcode & 0xF));
            int maskBit = masked ? 0x80 : 0;
            if (declaredLength >= 0 && declaredLength < 126) {
                bytes.write(maskBit | (int) declaredLength);
            } else if (declaredLength >= 0 && declaredLength <= 0xFFFF) {
                bytes.write(maskBit | 126);
                bytes.writeBytes(ByteBuffer.allocate(2).putShort((short) declaredLength).array());
            } else {
                bytes.write(maskBit | 127);
                bytes.writeBytes(ByteBuffer.allocate(8).putLong(declaredLength).array());
            }
            if (masked) {
                byte[] key = new byte[4];
                RANDOM.nextBytes(key);
                bytes.writeBytes(key);
                for (int i = 0; i < payload.length; i++) {
                    bytes.write(payload[i] ^ key[i % 4]);
                }
            } else {
                bytes.writeBytes(payload);
            }
            return bytes.toByteArray();
        }

        /** Reads one frame (a server's frames are unmasked, but a mask is honoured anyway). */
        static Frame readFrom(DataInputStream in) throws IOException {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (length < 0 || length > MAX_READ) {
                throw new IOException("the server sent a frame of length " + Long.toUnsignedString(length));
            }
            boolean masked = (second & 0x80) != 0;
            byte[] key = masked ? in.readNBytes(4) : null;
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (masked) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= key[i % 4];
                }
            }
            return new Frame((first & 0x80) != 0, (first >> 4) & 0x7, first & 0xF, masked, payload, length);
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String body = opcode == TEXT ? '"' + abbreviate(text()) + '"'
                    : opcode == CLOSE ? closeCode() + " " + closeReason()
                    : payload.length + " bytes";
            return "Frame[opcode=" + opcode + (fin ? "" : " not final") + (rsv != 0 ? " rsv=" + rsv : "") + ", " + body + "]";
        }

        private static String abbreviate(String text) {
            return text.length() <= 200 ? text : text.substring(0, 200) + "...";
        }
    }
}
