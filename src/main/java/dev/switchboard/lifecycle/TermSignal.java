package dev.switchboard.lifecycle;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs a task on SIGTERM (what Kubernetes, {@code docker stop} and systemd send) before the server hears
 * of it, then hands the signal on to the handler that was there before: the JVM's, which exits and so
 * starts the server's own shutdown.
 *
 * <p>Why a signal handler: on SIGTERM, Open Liberty 26.0.0.3 stops its HTTP listener and drops every
 * WebSocket connection (clients see 1006) within about 10-250 ms, from its own JVM shutdown hook, and
 * JVM shutdown hooks run concurrently, so the application's cannot go first; servlet and CDI shutdown
 * callbacks come later still, after the connections are gone. Measured in docs/shutdown.md.
 *
 * <p>{@code sun.misc.Signal} is JDK API (module jdk.unsupported, kept accessible by JEP 260), not server
 * SPI: the same code runs on any server on HotSpot or OpenJ9. Where it is unavailable (a JVM run with
 * {@code -Xrs}, SIGTERM ignored or left to the native default) nothing is installed.
 */
final class TermSignal {

    private static final Logger LOG = Logger.getLogger(TermSignal.class.getName());

    private final Signal term;
    private final Runnable first;
    /**
     * The installing (application) thread's: the JVM runs signal handlers on a thread of its own with
     * none, and Payara's CDI finds the application's beans through it ("Thread's context class loader
     * is null" otherwise, seen on Payara Micro 6.2025.10).
     */
    private final ClassLoader application = Thread.currentThread().getContextClassLoader();
    private final SignalHandler handler = this::handle;
    /** The handler this one replaced; set right after installing, before install() returns. */
    private volatile SignalHandler previous;
    private volatile boolean active = true;

    private TermSignal(Signal term, Runnable first) {
        this.term = term;
        this.first = first;
    }

    /** Installs {@code first} to run on SIGTERM before the previous handler; empty where that cannot be done. */
    static Optional<TermSignal> install(Runnable first) {
        try {
            TermSignal installed = new TermSignal(new Signal("TERM"), first);
            SignalHandler previous = Signal.handle(installed.term, installed.handler);
            if (previous == SignalHandler.SIG_DFL || previous == SignalHandler.SIG_IGN) {
                // A native disposition cannot be handed on to from Java: leave it as it was.
                Signal.handle(installed.term, previous);
                LOG.info("SIGTERM is left to the JVM's native handling: no drain before a SIGTERM stop");
                return Optional.empty();
            }
            installed.previous = previous;
            return Optional.of(installed);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.log(Level.INFO, "SIGTERM cannot be handled here ({0}): no drain before a SIGTERM stop", e.toString());
            return Optional.empty();
        }
    }

    private void handle(Signal signal) {
        if (active) {
            Thread thread = Thread.currentThread();
            ClassLoader own = thread.getContextClassLoader();
            thread.setContextClassLoader(application);
            try {
                first.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "shutdown task failed; stopping all the same", e);
            } finally {
                thread.setContextClassLoader(own);
            }
        }
        SignalHandler next = previous;
        if (next != null) {
            next.handle(signal);
        } else {
            // Only if SIGTERM came within the microseconds of installing: do what the JVM's handler does.
            Runtime.getRuntime().exit(128 + signal.getNumber());
        }
    }

    /**
     * Stops running the task (the application is stopping) and gives SIGTERM back to the handler that was
     * there before, unless another handler was installed after this one: that one keeps its place and
     * passes the signal on through this one, now inactive.
     */
    void uninstall() {
        active = false;
        SignalHandler current = Signal.handle(term, previous);
        if (current != handler) {
            Signal.handle(term, current);
        }
    }
}
