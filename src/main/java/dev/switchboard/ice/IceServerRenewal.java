package dev.switchboard.ice;

import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.connection.Connection;
import dev.switchboard.connection.Frame;
import dev.switchboard.protocol.IceServers;
import dev.switchboard.protocol.MessageCodec;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps long calls covered: every tenth of the TURN credentials' lifetime, sends {@code ice-servers} with
 * new credentials to each connection whose credentials have passed 60 % of their lifetime, so that each
 * gets them by 70 %, and by 80 % even when a check runs late. Does nothing when no TURN server is configured (STUN needs no credentials).
 * Only queues frames, like every decision: the connection threads write them.
 */
@ApplicationScoped
public class IceServerRenewal {

    private static final Logger LOG = Logger.getLogger(IceServerRenewal.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final MessageCodec codec = MessageCodec.shared();
    private ConnectedPeers peers;
    private IceServerIssuer issuer;
    private ScheduledFuture<?> checks;

    protected IceServerRenewal() { // for the CDI proxy
    }

    @Inject
    public IceServerRenewal(ConnectedPeers peers, IceServerIssuer issuer) {
        this.peers = peers;
        this.issuer = issuer;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (issuer.expires()) {
            long every = issuer.checkEveryMillis();
            checks = scheduler.scheduleAtFixedRate(this::check, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (checks != null) {
            checks.cancel(false);
        }
    }

    void check() {
        check(System.nanoTime());
    }

    /** Sends new servers to every connection due for them at {@code now} (of {@link System#nanoTime}). */
    void check(long now) {
        long due = issuer.renewAfterNanos();
        for (Connection connection : peers.all()) {
            try {
                if (connection.iceServersAgeNanos(now) >= due && !connection.hasEnded()) {
                    connection.iceServersIssued(now);
                    connection.send(Frame.of(codec.encode(new IceServers(issuer.issue(connection.peer())))));
                }
            } catch (RuntimeException e) {
                // One connection must not keep the others from their credentials.
                LOG.log(Level.WARNING, "renewing ICE servers failed for a connection", e);
            }
        }
    }
}
