package dev.switchboard.health;

import dev.switchboard.protocol.MessageCodec;
import dev.switchboard.protocol.Welcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the JSON-B provider binds the protocol's messages: without it no frame can be read. */
@Startup
@ApplicationScoped
public class MessageCodecCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        try {
            String frame = MessageCodec.shared().encode(new Welcome("health", null));
            boolean bound = frame.contains("\"type\":\"welcome\"");
            return HealthCheckResponse.named("message-codec").status(bound).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("message-codec").down()
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
