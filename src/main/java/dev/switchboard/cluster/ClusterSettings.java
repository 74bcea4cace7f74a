package dev.switchboard.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The cluster's configuration. Without {@code switchboard.cluster.redis-uri} the server is a single node
 * holding everything in memory, as it always was; with it, nodes share rooms and the directory in Redis.
 */
@ApplicationScoped
public class ClusterSettings {

    private Optional<String> redisUri;
    private Duration nodeTtl;
    private Duration livenessInterval;
    private Duration commandTimeout;

    protected ClusterSettings() { // for the CDI proxy
    }

    @Inject
    public ClusterSettings(
            @ConfigProperty(name = "switchboard.cluster.redis-uri") Optional<String> redisUri,
            @ConfigProperty(name = "switchboard.cluster.node-ttl-ms", defaultValue = "10000") long nodeTtlMillis,
            @ConfigProperty(name = "switchboard.cluster.liveness-interval-ms", defaultValue = "2000") long intervalMillis,
            @ConfigProperty(name = "switchboard.cluster.command-timeout-ms", defaultValue = "2000") long timeoutMillis) {
        if (intervalMillis < 100 || nodeTtlMillis < 2 * intervalMillis) {
            // a record refreshed less than twice per lifetime expires after one late refresh
            throw new IllegalArgumentException("switchboard.cluster.liveness-interval-ms must be at least 100 and at"
                    + " most half of switchboard.cluster.node-ttl-ms");
        }
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("switchboard.cluster.command-timeout-ms must be at least 1");
        }
        this.redisUri = redisUri.map(String::strip).filter(uri -> !uri.isEmpty());
        this.nodeTtl = Duration.ofMillis(nodeTtlMillis);
        this.livenessInterval = Duration.ofMillis(intervalMillis);
        this.commandTimeout = Duration.ofMillis(timeoutMillis);
    }

    /** The Redis to share state through; empty on a single node. May hold a password: never log it. */
    public Optional<String> redisUri() {
        return redisUri;
    }

    /** How long a node's liveness record lasts without a refresh: a dead node's peers go within this + interval. */
    public Duration nodeTtl() {
        return nodeTtl;
    }

    /** How often a node refreshes its record, looks for dead nodes, and checks Redis. */
    public Duration livenessInterval() {
        return livenessInterval;
    }

    /** The longest a Redis command may take before it fails (and the request gets {@code unavailable}). */
    public Duration commandTimeout() {
        return commandTimeout;
    }
}
