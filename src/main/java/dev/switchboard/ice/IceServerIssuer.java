package dev.switchboard.ice;

import dev.switchboard.protocol.IceServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ICE servers each admitted connection is given, in its {@code welcome} and again before its TURN
 * credentials expire: the configured STUN servers, and the TURN servers with a credential of the peer's own.
 */
@ApplicationScoped
public class IceServerIssuer {

    private static final Logger LOG = Logger.getLogger(IceServerIssuer.class.getName());

    /**
     * Credentials are renewed once this share of their lifetime has passed: checked every tenth of it, they
     * are sent by 70 % of it, which leaves a tenth of the lifetime for a late check before the promised 80 %.
     */
    private static final double RENEW_AT = 0.6;

    private IceSettings settings;
    private Clock clock;
    private TurnCredentials credentials;

    protected IceServerIssuer() { // for the CDI proxy
    }

    @Inject
    public IceServerIssuer(
            @ConfigProperty(name = "switchboard.ice.stun-urls") Optional<String> stunUrls,
            @ConfigProperty(name = "switchboard.ice.turn-urls") Optional<String> turnUrls,
            @ConfigProperty(name = "switchboard.ice.turn-secret") Optional<String> turnSecret,
            @ConfigProperty(name = "switchboard.ice.turn-ttl-seconds", defaultValue = "3600") long turnTtlSeconds) {
        this(IceSettings.of(stunUrls, turnUrls, turnSecret, turnTtlSeconds), Clock.systemUTC());
    }

    /** @param clock the time credentials expire by: the TURN server's clock, or close to it */
    public IceServerIssuer(IceSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.credentials = settings.turn()
                ? new TurnCredentials(settings.turnSecret().orElseThrow(), settings.turnTtlSeconds())
                : null;
        if (!settings.turnUrls().isEmpty() && !settings.turn()) {
            LOG.warning("switchboard.ice.turn-urls is set but switchboard.ice.turn-secret is not: no TURN server is given to clients");
        }
    }

    /** The ICE servers for {@code peer}, valid from now; empty when none is configured. */
    public List<IceServer> issue(String peer) {
        List<IceServer> servers = new ArrayList<>(2);
        if (!settings.stunUrls().isEmpty()) {
            servers.add(IceServer.open(settings.stunUrls()));
        }
        if (credentials != null) {
            TurnCredentials.Credential credential = credentials.issue(peer, clock.instant().getEpochSecond());
            servers.add(new IceServer(settings.turnUrls(), credential.username(), credential.credential()));
        }
        return servers;
    }

    /** Whether the servers issued expire, so that connections must be sent new ones. */
    public boolean expires() {
        return credentials != null;
    }

    /** How old issued servers may grow, in nanoseconds, before the connection is sent new ones. */
    public long renewAfterNanos() {
        return (long) (TimeUnit.SECONDS.toNanos(settings.turnTtlSeconds()) * RENEW_AT);
    }

    /**
     * How often to look for connections due for new servers: a tenth of the lifetime, so that a connection
     * due at 60 % of it is served by 70 % of it.
     */
    public long checkEveryMillis() {
        return TimeUnit.SECONDS.toMillis(settings.turnTtlSeconds()) / 10;
    }
}
