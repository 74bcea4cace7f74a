package dev.switchboard.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When the {@link Drain} runs, earliest first:
 * <ul>
 * <li>on SIGTERM, before the server hears of it ({@link TermSignal}), with the configured delay; the only
 * trigger that runs while the server still listens and its connections are still open;</li>
 * <li>in a JVM shutdown hook (SIGINT, SIGHUP, {@code System.exit}), without the delay: it runs alongside
 * the server's own hook, so it may lose the race and find the connections already dropped;</li>
 * <li>when the application stops, without the delay: a last resort that closes whatever is left with 1001
 * (on Open Liberty a {@code server stop} has dropped the connections by then; an undeploy has not).</li>
 * </ul>
 */
@ApplicationScoped
public class ShutdownTriggers {

    private static final Logger LOG = Logger.getLogger(ShutdownTriggers.class.getName());

    @Inject
    Drain drain;

    @Inject
    @ConfigProperty(name = "switchboard.shutdown.handle-sigterm", defaultValue = "true")
    boolean handleSigterm;

    private Optional<TermSignal> termSignal = Optional.empty();
    private Thread hook;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        drain.prepare();
        if (handleSigterm) {
            termSignal = TermSignal.install(drain::drain);
        }
        hook = new Thread(this::drainFromHook, "switchboard-drain");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        termSignal.ifPresent(TermSignal::uninstall);
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is exiting: the hook runs, or has run, now.
            }
        }
        try {
            drain.drainNow();
        } catch (Exception | LinkageError e) {
            // Never in the way of the application stopping. Seen on Open Liberty when the WAR was removed
            // before it was undeployed: a class the drain had not used yet cannot be loaded any more.
            LOG.log(Level.WARNING, "no drain at application stop: {0}", e.toString());
        }
    }

    private void drainFromHook() {
        try {
            drain.drainNow();
        } catch (RuntimeException | LinkageError e) {
            // The application stopped first (its beans and classes are gone) and drained then.
            LOG.log(Level.FINE, "no drain from the shutdown hook: {0}", e.toString());
        }
    }
}
