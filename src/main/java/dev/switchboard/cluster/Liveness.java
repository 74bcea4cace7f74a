package dev.switchboard.cluster;

import dev.switchboard.connection.CloseCodes;
import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.directory.OnlinePeer;
import dev.switchboard.protocol.PeerLeft;
import dev.switchboard.room.BackendUnavailableException;
import dev.switchboard.room.Departure;
import dev.switchboard.signaling.DirectoryService;
import dev.switchboard.signaling.SignalingService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code switchboard.cluster.liveness-interval-ms}, on a cluster:
 * <ul>
 * <li>refreshes this node's liveness record (it expires after {@code switchboard.cluster.node-ttl-ms});</li>
 * <li>removes the peers of nodes whose record has expired from their rooms and the directory; the remaining
 * members hear {@code peer-left}, the directory {@code peer-offline}, both with reason {@code timeout}; and
 * settles the relays between this node and those ({@link ClusterRelays#nodeGone});</li>
 * <li>after any Redis failure, once Redis answers again: removes from Redis this node's peers whose
 * connections closed meanwhile, and rereads the members of the rooms it has peers in (notices sent
 * while it was cut off are lost);</li>
 * <li>if its own record is gone (it was taken for dead, or Redis lost its data), the node forgets its rooms
 * and logins, closes its connections with 1012 so that clients come back, and registers anew.</li>
 * </ul>
 */
@ApplicationScoped
public class Liveness {

    private static final Logger LOG = Logger.getLogger(Liveness.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ClusterSettings settings;

    @Inject
    Backplane backplane;

    @Inject
    Inbox inbox;

    @Inject
    Topology topology;

    @Inject
    ConnectedPeers peers;

    @Inject
    SignalingService signaling;

    @Inject
    DirectoryService directory;

    @Inject
    ClusterRelays relays;

    private ScheduledFuture<?> ticks;
    private boolean registered;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (!backplane.enabled()) {
            return;
        }
        inbox.start();
        backplane.start(inbox::accept);
        long interval = settings.livenessInterval().toMillis();
        tick(); // ready as soon as Redis answers, not one interval later
        ticks = scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    synchronized void tick() {
        try {
            if (!backplane.connectIfNeeded()) {
                backplane.healthy(false);
                return;
            }
            boolean repair = backplane.takeDirty();
            if (!heartbeat()) {
                rejoin();
                repair = false; // nothing of before is left to repair
            }
            reapDeadNodes();
            if (repair) {
                repair();
            }
            backplane.healthy(true);
        } catch (BackendUnavailableException e) {
            LOG.log(Level.FINE, "Redis unavailable: {0}", e.getMessage());
            backplane.healthy(false);
        } catch (RuntimeException e) {
            // The next round tries again; one failure must not end the liveness of the node.
            LOG.log(Level.WARNING, "cluster liveness round failed", e);
            backplane.healthy(false);
        }
    }

    /** Refreshes (or first creates) this node's record; false if it was gone. */
    private boolean heartbeat() {
        String ttl = String.valueOf(settings.nodeTtl().toMillis());
        List<Object> reply = backplane.run(Script.HEARTBEAT, backplane.node(), ttl, registered ? "refresh" : "register");
        registered = true;
        return ((Long) reply.get(0)) == 1L;
    }

    /** Redis no longer holds this node's rooms and logins as this node knows them: start afresh. */
    private void rejoin() {
        LOG.warning(() -> "cluster node " + backplane.node() + " was taken for dead or Redis lost its data: closing "
                + peers.count() + " connections (1012) and joining the cluster anew");
        topology.sharedRooms().resetLocal();
        topology.sharedDirectory().resetLocal();
        peers.closeAllNow(CloseCodes.nodeReset()); // queued: the connection threads close them
        announce(backplane.run(Script.EVICT, backplane.node()), PeerLeft.TIMEOUT);
        backplane.run(Script.HEARTBEAT, backplane.node(), String.valueOf(settings.nodeTtl().toMillis()), "register");
    }

    private void reapDeadNodes() {
        for (String dead : RedisRoomRegistry.strings(backplane.run(Script.DEAD_NODES))) {
            List<Object> evicted = backplane.run(Script.EVICT, dead);
            int count = announce(evicted, PeerLeft.TIMEOUT);
            relays.nodeGone(dead);
            LOG.info(() -> "cluster node " + dead + " is gone; " + count + " of its peers removed");
        }
    }

    /**
     * After a Redis failure: Redis and this node agree again on this node's peers (see the registries'
     * {@code reconcile}), and the views of its rooms are read again, since notices sent while it was cut off
     * are lost.
     */
    private void repair() {
        RedisRoomRegistry rooms = topology.sharedRooms();
        List<Object> mine = backplane.run(Script.MINE, backplane.node());
        List<RedisRoomRegistry.Removal> removals = rooms.reconcile(RedisRoomRegistry.pairs(mine.get(0)), peers::isConnected);
        removals.stream().filter(RedisRoomRegistry.Removal::announce)
                .forEach(removal -> signaling.removed(removal.peer(), removal.departure(), PeerLeft.DISCONNECTED));
        List<OnlinePeer> offline = topology.sharedDirectory()
                .reconcile(RedisRoomRegistry.pairs(mine.get(1)).keySet(), peers::isConnected);
        offline.forEach(entry -> directory.removed(entry, PeerLeft.DISCONNECTED));
        List<String> viewed = new ArrayList<>(rooms.viewedRooms());
        if (!viewed.isEmpty()) {
            List<Object> members = backplane.run(Script.MEMBERS, viewed.toArray(String[]::new));
            for (int i = 0; i < viewed.size(); i++) {
                String room = viewed.get(i);
                List<String> now = RedisRoomRegistry.strings(members.get(i));
                signaling.inRoomOrder(room, () -> rooms.resync(room, now));
            }
        }
        LOG.info(() -> "cluster node " + backplane.node() + " back in touch with Redis; " + removals.size()
                + " room memberships and " + offline.size() + " announced logins put right");
    }

    /** Tells the remaining members and the directory about the peers evict.lua removed; returns how many. */
    private int announce(List<Object> evicted, String reason) {
        RedisRoomRegistry rooms = topology.sharedRooms();
        List<Object> departures = RedisRoomRegistry.objects(evicted.get(0));
        for (Object item : departures) {
            List<Object> departure = RedisRoomRegistry.objects(item);
            String room = (String) departure.get(0);
            String peer = (String) departure.get(1);
            List<String> remaining = RedisRoomRegistry.strings(departure.get(2));
            signaling.inRoomOrder(room, () -> {
                rooms.remoteLeft(room, peer);
                signaling.removed(peer, new Departure(room, remaining), reason);
            });
        }
        List<Object> offline = RedisRoomRegistry.objects(evicted.get(1));
        for (Object item : offline) {
            List<String> entry = RedisRoomRegistry.strings(item);
            directory.removed(new OnlinePeer(entry.get(0), entry.get(1)), reason);
        }
        return Math.max(departures.size(), offline.size());
    }
}
