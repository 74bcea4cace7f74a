package dev.switchboard.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the room registry and the directory answer, also while the server drains for shutdown. */
@Liveness
@ApplicationScoped
public class SignalingCheck extends SignalingHealth {

    @Override
    public HealthCheckResponse call() {
        return report(false);
    }
}
