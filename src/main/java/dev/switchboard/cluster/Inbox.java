package dev.switchboard.cluster;

import dev.switchboard.connection.LocalDelivery;
import dev.switchboard.signaling.DirectoryService;
import dev.switchboard.signaling.SignalingService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What other nodes send this node's peers, read from this node's Redis channel (and what they say about
 * relays, {@link ClusterRelays}). One thread takes the
 * messages in the order Redis published them, so the order of each sending node survives, and hands each to
 * its peer's outbox in the order the message belongs to (its room's, the directory's): never on Lettuce's
 * own I/O thread, which must not wait for those locks. The queue between them is bounded: a node too slow
 * to keep up drops messages (counted) rather than its memory.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class.getName());
    private static final int MAX_WAITING = 100_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    LocalDelivery local;

    @Inject
    SignalingService signaling;

    @Inject
    DirectoryService directory;

    @Inject
    Topology topology;

    @Inject
    ClusterRelays relays;

    private final AtomicLong dropped = new AtomicLong();
    private ExecutorService reader;

    synchronized void start() {
        if (reader == null) {
            reader = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(MAX_WAITING), threads);
        }
    }

    /** Called on Lettuce's thread with one message of this node's channel. */
    void accept(String payload) {
        try {
            reader.execute(() -> receive(payload));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
        }
    }

    /** Messages for this node's peers that were dropped because the node could not keep up. */
    public long dropped() {
        return dropped.get();
    }

    private void receive(String payload) {
        if (RelayNote.isOne(payload)) {
            receiveNote(payload);
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.decode(payload);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignored a message on this node's channel that is not an envelope");
            return;
        }
        try {
            deliver(envelope);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not deliver a message from another node", e);
        }
    }

    private void receiveNote(String payload) {
        try {
            relays.receive(RelayNote.decode(payload));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignored a relay note on this node's channel that is not one");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not act on a relay note from another node", e);
        }
    }

    private void deliver(Envelope envelope) {
        String peer = envelope.recipient();
        Runnable toOutbox = () -> local.deliverFrame(peer, envelope.frame());
        RedisRoomRegistry rooms = topology.sharedRooms();
        switch (envelope.kind()) {
            case JOINED -> signaling.inRoomOrder(envelope.room(), () -> {
                rooms.remoteJoined(envelope.room(), envelope.subject());
                toOutbox.run();
            });
            case LEFT -> signaling.inRoomOrder(envelope.room(), () -> {
                rooms.remoteLeft(envelope.room(), envelope.subject());
                toOutbox.run();
            });
            case ROOM -> signaling.inRoomOrder(envelope.room(), () -> {
                if (rooms.isLocalMember(peer, envelope.room())) { // not to a peer that has left meanwhile
                    toOutbox.run();
                }
            });
            case PRESENCE -> directory.inPresenceOrder(peer, toOutbox);
            case DIRECT -> directory.toLoggedIn(peer, toOutbox);
            case OTHER -> toOutbox.run();
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (reader != null) {
            reader.shutdownNow();
        }
    }
}
