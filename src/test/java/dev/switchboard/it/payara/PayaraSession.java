package dev.switchboard.it.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs the portable black-box tests against Payara Micro: starts it before the first test of the JVM and
 * stops it after the last. Registered for every test run (META-INF/services) but idle unless
 * {@code switchboard.it.payara.jar} is set, as only the build's {@code payara} failsafe execution does; that
 * execution also sets {@code switchboard.it.http.port}, which the tests connect to, and the WAR and
 * directory below. If Payara does not start, the session fails and with it the build.
 */
public final class PayaraSession implements LauncherSessionListener {

    private PayaraMicro server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String jar = System.getProperty("switchboard.it.payara.jar");
        if (jar == null) {
            return;
        }
        try {
            // as for the Liberty server of the build: dropped peers are kept 2 s for a resume, not 30
            server = PayaraMicro.start(Path.of(jar), Path.of(required("switchboard.it.payara.war")),
                    Integer.parseInt(required("switchboard.it.http.port")), Path.of(required("switchboard.it.payara.dir")),
                    java.util.Map.of("SWITCHBOARD_SESSION_RESUME_WINDOW_MS", "2000"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Payara Micro", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** A system property the payara execution sets; missing, the test is not run by that execution. */
    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set");
        }
        return value;
    }
}
