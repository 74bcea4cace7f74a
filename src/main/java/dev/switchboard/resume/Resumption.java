package dev.switchboard.resume;

import dev.switchboard.access.Access;
import dev.switchboard.admission.ConnectionLimits;
import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.ConnectionThreads;
import dev.switchboard.connection.Frame;
import dev.switchboard.connection.Outbox;
import dev.switchboard.protocol.PeerLeft;
import dev.switchboard.room.BackendUnavailableException;
import dev.switchboard.signaling.SignalingService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a peer whose connection dropped without a goodbye is kept, and where it comes back.
 *
 * <p>A lost or silent connection of a peer in a room or logged in is <em>kept</em> for
 * {@code switchboard.session.resume-window-ms}: it stays a member of its room and logged in, its room hears
 * {@code peer-away}, and what is sent to it is held in its outbox, in order, within the outbox's bounds. A
 * new connection that presents the peer's resume token within the window <em>claims</em> it and takes its
 * place (the lifecycle hands the held frames over); one that comes too late finds nothing, and the peer
 * is removed as any other (its room hears {@code peer-left}, reason {@code timeout}). A peer whose old
 * connection is still open when its token is presented is taken over the same way: the old connection is
 * closed ({@code 4006}). Resuming is off with a window of 0. On a cluster a peer kept here may come back on
 * another node, which then relays its connection here ({@link Relays}).
 *
 * <p>Invariants, under one lock: a peer is kept at most once, is claimed at most once, and is either
 * claimed or removed at the end of its window, never both. Deciding only queues (peer-away), as the
 * threading rule asks.
 */
@ApplicationScoped
public class Resumption {

    private static final Logger LOG = Logger.getLogger(Resumption.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    private long windowMillis;
    private SignalingService signaling;
    private ConnectedPeers peers;
    private ConnectionLimits limits;
    private ConnectionThreads threads;

    private final ResumeTokens tokens = new ResumeTokens();
    private final Object lock = new Object();
    /** Kept peers, by peer id. */
    private final Map<String, AwayPeer> away = new HashMap<>();
    /** Old connections claimed before their ending ran: their ending only gives back their place. */
    private final Set<Connection> claimed = new HashSet<>();
    private ScheduledFuture<?> sweeps;

    protected Resumption() { // for the CDI proxy
    }

    /** With a window of {@code windowMillis} (0: off); sweeps start with the application (tests call {@link #sweep}). */
    @Inject
    public Resumption(@ConfigProperty(name = "switchboard.session.resume-window-ms", defaultValue = "30000") long windowMillis,
                      SignalingService signaling, ConnectedPeers peers, ConnectionLimits limits,
                      ConnectionThreads threads) {
        if (windowMillis < 0) {
            throw new IllegalArgumentException("switchboard.session.resume-window-ms must not be negative");
        }
        this.windowMillis = windowMillis;
        this.signaling = signaling;
        this.peers = peers;
        this.limits = limits;
        this.threads = threads;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (enabled()) {
            long every = sweepEveryMillis();
            sweeps = scheduler.scheduleAtFixedRate(this::sweep, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeps != null) {
            sweeps.cancel(false);
        }
    }

    public boolean enabled() {
        return windowMillis > 0;
    }

    /** The window, as welcome and resumed say it; null when resuming is off. */
    public Long windowMillis() {
        return enabled() ? windowMillis : null;
    }

    /** A new resume token for {@code peer}, its previous one spent; null when resuming is off. */
    public String issueToken(String peer) {
        return enabled() ? tokens.issue(peer) : null;
    }

    /** How often kept peers are checked for the end of their window: a tenth of it, within 50 ms and 1 s. */
    long sweepEveryMillis() {
        return Math.max(50, Math.min(1000, windowMillis / 10));
    }

    /**
     * A connection with {@code access} and outbox {@code next} presents {@code token}: the peer it resumes,
     * and its old connection, whose held frames have gone to {@code next} after the one {@code first} makes
     * for the peer (its {@code resumed}); or empty when the token is unknown, spent or of another user, or the
     * peer is gone, or what was held for it overflowed. The token is spent only by its own user, so that
     * someone else's attempt does not cost the peer its resume.
     */
    public Optional<Claim> claim(String token, Access access, Outbox next, Function<String, Frame> first) {
        if (!enabled() || token == null) {
            return Optional.empty();
        }
        synchronized (lock) {
            Optional<String> peer = tokens.peerOf(token);
            if (peer.isEmpty()) {
                return Optional.empty();
            }
            AwayPeer kept = away.get(peer.get());
            Connection old = kept != null ? kept.connection() : peers.get(peer.get());
            if (old == null || !old.access().sameUser(access) || !tokens.spend(token, peer.get())) {
                return Optional.empty();
            }
            // Still open (taken over: closed with 4006), or dropped: its ending has run (kept) or is to run.
            if (!old.handOver(next, first.apply(peer.get()))) {
                // It said goodbye, or what was held overflowed (dropped as a slow consumer at the next sweep):
                // either way it resumes no more, and the token its resumed frame was given is no good.
                tokens.forget(peer.get());
                return Optional.empty();
            }
            if (kept != null) {
                away.remove(peer.get());
            } else {
                claimed.add(old);
            }
            return Optional.of(new Claim(old, kept != null));
        }
    }

    /** What a claim gives: the peer's old connection, and whether its room had heard it was away. */
    public record Claim(Connection old, boolean wasAway) {
        public String peer() {
            return old.peer();
        }
    }

    /**
     * The ending of a connection that was lost or fell silent: keeps its peer if it may resume, and returns
     * whether it did (or the connection was claimed already); false for the lifecycle to remove the peer,
     * which can then be claimed no more.
     */
    public boolean keep(Connection connection, Connection.End end) {
        synchronized (lock) {
            if (claimed.remove(connection)) {
                limits.release(connection.address());
                return true;
            }
            if (!enabled() || end == Connection.End.CLOSED || !connection.outbox().isHeld()
                    || !signaling.isEngaged(connection.peer())) {
                // Under the lock, so that no claim can take what is about to be removed.
                if (connection.outbox().isHeld()) {
                    connection.outbox().discard(); // held for a resume that will not come
                }
                tokens.forget(connection.peer());
                return false;
            }
            away.put(connection.peer(), new AwayPeer(connection,
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(windowMillis)));
            signaling.away(connection.peer());
        }
        limits.release(connection.address());
        return true;
    }

    void sweep() {
        sweep(System.nanoTime());
    }

    /**
     * Removes the kept peers whose window has passed at {@code now}, or whose held frames overflowed: their
     * rooms hear {@code peer-left} and the directory {@code peer-offline}, reason {@code timeout}.
     */
    public void sweep(long now) {
        List<AwayPeer> gone = new ArrayList<>();
        synchronized (lock) {
            away.values().removeIf(kept -> {
                boolean over = now - kept.deadlineNanos() > 0 || !kept.connection().outbox().isHeld();
                if (over) {
                    gone.add(kept);
                    tokens.forget(kept.peer());
                }
                return over;
            });
        }
        for (AwayPeer kept : gone) {
            threads.cleanUps().execute(() -> remove(kept.connection()));
        }
    }

    private void remove(Connection connection) {
        try {
            signaling.disconnected(connection.peer(), PeerLeft.TIMEOUT);
        } catch (BackendUnavailableException e) {
            LOG.log(Level.FINE, "store unavailable at the end of a resume window: {0}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "removing a peer at the end of its resume window failed", e);
        } finally {
            peers.forget(connection);
            connection.outbox().discard();
        }
    }

    /** Peers kept now, for health and tests. */
    public int awayCount() {
        synchronized (lock) {
            return away.size();
        }
    }
}
