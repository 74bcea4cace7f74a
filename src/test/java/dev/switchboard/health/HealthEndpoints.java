package dev.switchboard.health;

import java.util.List;

/**
 * The MicroProfile Health endpoints the server serves (mpHealth-4.0 on Open Liberty). One definition for
 * the test that proves they answer ({@code HealthIT}) and the tests that point probes at them (the
 * OpenShift manifests), so that the two cannot drift apart.
 */
public final class HealthEndpoints {

    public static final String STARTED = "/health/started";
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";

    public static final List<String> ALL = List.of(STARTED, LIVE, READY);

    private HealthEndpoints() {
    }
}
