package dev.switchboard.health;

import dev.switchboard.cluster.Backplane;
import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.directory.Directory;
import dev.switchboard.lifecycle.Drain;
import dev.switchboard.room.Occupancy;
import dev.switchboard.room.RoomRegistry;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The signaling check, as liveness ({@link SignalingCheck}) and as readiness ({@link SignalingReadiness}):
 * UP while the room registry and the directory answer, with the counts an operator watches (on a cluster,
 * this node's share). The two differ while the server drains for shutdown, and on a cluster while Redis is
 * out of reach: still live (a restart would not bring Redis back), no longer ready.
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

    @Inject
    Backplane backplane;

    /** The check's response; for {@code readiness}, DOWN while the server drains or the cluster's Redis is out of reach. */
    HealthCheckResponse report(boolean readiness) {
        try {
            boolean stopping = drain.isDraining();
            boolean backplaneDown = backplane.enabled() && !backplane.isUp();
            Occupancy occupancy = registry.occupancy();
            return HealthCheckResponse.named("signaling").status(!(readiness && (stopping || backplaneDown)))
                    .withData("rooms", occupancy.rooms())
                    .withData("peers-in-rooms", occupancy.peers())
                    .withData("logged-in", directory.count())
                    .withData("connections", peers.count())
                    .withData("queue-peak", peers.queuePeak())
                    .withData("room-capacity", registry.capacity())
                    .withData("stopping", stopping)
                    .withData("cluster", !backplane.enabled() ? "off" : backplaneDown ? "redis-unreachable" : "up")
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("signaling").down()
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
