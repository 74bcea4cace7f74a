package dev.switchboard.cluster;

import dev.switchboard.connection.PeerIds;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

/**
 * Peer ids on a cluster: the 22 random characters of a single node's ids, a dot, and the id of the node that
 * holds the connection. Any node can then tell where to send a peer's messages without asking Redis, and
 * a peer of a dead node is recognised as such. On a single node, ids are as before.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class NodePeerIds extends PeerIds {

    static final char SEPARATOR = '.';

    private Backplane backplane;

    protected NodePeerIds() { // for the CDI proxy
    }

    @Inject
    public NodePeerIds(Backplane backplane) {
        this.backplane = backplane;
    }

    @Override
    public String next() {
        String random = super.next();
        return backplane.enabled() ? random + SEPARATOR + backplane.node() : random;
    }

    /** The node in a cluster peer id; null for an id without one (a single node's). */
    static String nodeOf(String peer) {
        int separator = peer.lastIndexOf(SEPARATOR);
        return separator < 0 ? null : peer.substring(separator + 1);
    }
}
