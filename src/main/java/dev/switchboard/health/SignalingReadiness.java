package dev.switchboard.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while live and not draining for shutdown: from the start of a drain, DOWN (HTTP 503) with
 * {@code "stopping": true}, so that load balancers send no new clients here.
 */
@Readiness
@ApplicationScoped
public class SignalingReadiness extends SignalingHealth {

    @Override
    public HealthCheckResponse call() {
        return report(true);
    }
}
