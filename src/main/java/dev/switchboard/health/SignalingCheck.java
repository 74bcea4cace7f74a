package dev.switchboard.health;

import dev.switchboard.directory.Directory;
import dev.switchboard.room.Occupancy;
import dev.switchboard.room.RoomRegistry;
import dev.switchboard.signal.ConnectedPeers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Live and ready while the room registry and the directory answer; reports the counts an operator watches. */
@Liveness
@Readiness
@ApplicationScoped
public class SignalingCheck implements HealthCheck {

    @Inject
    RoomRegistry registry;

    @Inject
    Directory directory;

    @Inject
    ConnectedPeers peers;

    @Override
    public HealthCheckResponse call() {
        try {
            Occupancy occupancy = registry.occupancy();
            return HealthCheckResponse.named("signaling").up()
                    .withData("rooms", occupancy.rooms())
                    .withData("peers-in-rooms", occupancy.peers())
                    .withData("logged-in", directory.count())
                    .withData("connections", peers.count())
                    .withData("queue-peak", peers.queuePeak())
                    .withData("room-capacity", registry.capacity())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("signaling").down()
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
