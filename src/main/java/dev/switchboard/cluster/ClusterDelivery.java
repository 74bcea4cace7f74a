package dev.switchboard.cluster;

import dev.switchboard.connection.ConnectedPeers;
import dev.switchboard.protocol.MessageCodec;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.signaling.Delivery;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

/**
 * Delivery on a cluster: a peer connected to this node gets the message straight into its outbox, as on a
 * single node, with no Redis round trip; a peer on another node gets it through that node's Redis channel.
 * On a single node it is the local delivery and nothing else. Which node a peer is on is written in its id.
 */
@Alternative
@Priority(100) // replaces ConnectedPeers as the Delivery wherever this package is deployed
@ApplicationScoped
public class ClusterDelivery implements Delivery {

    private final MessageCodec codec = MessageCodec.shared();
    private ConnectedPeers peers;
    private Backplane backplane;

    protected ClusterDelivery() { // for the CDI proxy
    }

    @Inject
    public ClusterDelivery(ConnectedPeers peers, Backplane backplane) {
        this.peers = peers;
        this.backplane = backplane;
    }

    @Override
    public void deliver(String peer, ServerMessage message) {
        String node = NodePeerIds.nodeOf(peer);
        if (!backplane.enabled() || node == null || node.equals(backplane.node())) {
            peers.deliver(peer, message);
            return;
        }
        backplane.publish(node, Envelope.of(peer, message, codec.encode(message)).encode());
    }
}
