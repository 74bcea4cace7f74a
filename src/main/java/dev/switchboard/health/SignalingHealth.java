package dev.switchboard.health;

import dev.switchboard.directory.Directory;
import dev.switchboard.room.Occupancy;
import dev.switchboard.room.RoomRegistry;
import dev.switchboard.signal.ConnectedPeers;
import dev.switchboard.signal.Drain;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The signaling check, as liveness ({@link SignalingCheck}) and as readiness ({@link SignalingReadiness}):
 * UP while the room registry and the directory answer, with the counts an operator watches. The two differ
 * only while the server drains for shutdown: still live, no longer ready.
 */
abstract class SignalingHealth implements HealthCheck {

    @Inject
    RoomRegistry registry;

    @Inject
    Directory directory;

    @Inject
    ConnectedPeers peers;

    @Inject
    Drain drain;

    /** The check's response; DOWN while the server drains if {@code downWhileStopping}. */
    HealthCheckResponse report(boolean downWhileStopping) {
        try {
            boolean stopping = drain.isDraining();
            Occupancy occupancy = registry.occupancy();
            return HealthCheckResponse.named("signaling").status(!(stopping && downWhileStopping))
                    .withData("rooms", occupancy.rooms())
                    .withData("peers-in-rooms", occupancy.peers())
                    .withData("logged-in", directory.count())
                    .withData("connections", peers.count())
                    .withData("queue-peak", peers.queuePeak())
                    .withData("room-capacity", registry.capacity())
                    .withData("stopping", stopping)
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("signaling").down()
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
