package dev.switchboard.conformance;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the command line asked for: the server's WebSocket URL, the handshake's Origin and access token, the
 * endpoint's path, which checks to run (all when {@code only} is empty) and how long to wait for a frame.
 */
record Options(URI base, String origin, String token, String path, Set<String> only, Duration timeout, int capacity) {

    /** Filling a room takes that many connections: beyond this the kit would strain a live server's limits. */
    static final int MAX_CAPACITY = 16;

    static final String USAGE = """
            usage: java -jar switchboard-conformance.jar <ws://host:port | wss://host[:port]> [options]
              --origin O        the Origin header of every handshake (absent unless given)
              --token T         an access token (Authorization: Bearer), when the server has access control on
              --path P          the endpoint of rooms by message (default /signal)
              --only a,b,...    run only these checks (names as in the table)
              --timeout-ms N    how long to wait for each expected frame (default 5000)
              --room-capacity N the server's switchboard.room.capacity (default 2, the server's default)
            exit: 0 nothing failed, 1 a check failed, 2 usage error or server unreachable""";

    /** A command line that cannot be run: the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static Options parse(String... args) throws UsageException {
        URI base = null;
        String origin = null;
        String token = null;
        String path = "/signal";
        Set<String> only = new LinkedHashSet<>();
        Duration timeout = Duration.ofMillis(5000);
        int capacity = 2;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--origin" -> origin = value(args, ++i, arg);
                case "--token" -> token = value(args, ++i, arg);
                case "--path" -> {
                    path = value(args, ++i, arg);
                    if (!path.startsWith("/")) {
                        throw new UsageException("--path must start with /: " + path);
                    }
                }
                case "--only" -> Arrays.stream(value(args, ++i, arg).split(","))
                        .map(String::strip).filter(name -> !name.isEmpty()).forEach(only::add);
                case "--timeout-ms" -> timeout = Duration.ofMillis(positive(value(args, ++i, arg), arg));
                case "--room-capacity" -> {
                    long requested = positive(value(args, ++i, arg), arg);
                    if (requested < 2 || requested > MAX_CAPACITY) {
                        throw new UsageException("--room-capacity must be from 2 (the server's minimum) to "
                                + MAX_CAPACITY + ", got " + requested);
                    }
                    capacity = (int) requested;
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    if (base != null) {
                        throw new UsageException("one server URL only, got " + base + " and " + arg);
                    }
                    base = serverUrl(arg);
                }
            }
        }
        if (base == null) {
            throw new UsageException("the server's ws:// or wss:// URL is missing");
        }
        return new Options(base, origin, token, path, Set.copyOf(only), timeout, capacity);
    }

    /** The URL of the endpoint: the base without a trailing slash, then the path. */
    URI endpoint() {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    private static URI serverUrl(String text) throws UsageException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("not a URL: " + text);
        }
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new UsageException("the server URL must be ws://host[:port] or wss://host[:port], got " + text);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new UsageException("the server URL takes no query or fragment (use --token for a token): " + text);
        }
        return uri;
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static long positive(String text, String option) throws UsageException {
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, as a non-positive number is
        }
        throw new UsageException(option + " needs a positive number of milliseconds, got " + text);
    }

    /** Without the token: the options as they may be printed. */
    @Override
    public String toString() {
        return "Options[base=" + base + ", origin=" + origin + ", token=" + (token == null ? "none" : "given")
                + ", path=" + path + ", only=" + only + ", timeout=" + timeout + ", capacity=" + capacity + "]";
    }
}
