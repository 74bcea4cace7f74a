package dev.switchboard.cluster;

import dev.switchboard.Unproxied;
import dev.switchboard.connection.LocalDelivery;
import dev.switchboard.protocol.MessageCodec;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.signaling.Delivery;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Delivery on a cluster: a peer connected to this node gets the message straight into its outbox, as on a
 * single node, with no Redis round trip; a peer on another node gets it through that node's Redis channel.
 * On a single node it is the local delivery and nothing else. Which node a peer is on is written in its id.
 */
@Alternative
@Priority(100) // replaces ConnectedPeers as the Delivery wherever this package is deployed
@Unproxied
public class ClusterDelivery implements Delivery {

    private final MessageCodec codec = MessageCodec.shared();
    private final LocalDelivery local;
    private final Backplane backplane;

    @Inject
    public ClusterDelivery(LocalDelivery local, Backplane backplane) {
        this.local = local;
        this.backplane = backplane;
    }

    @Override
    public void deliver(String peer, ServerMessage message) {
        String node = remoteNodeOf(peer);
        if (node == null) {
            local.deliver(peer, message);
            return;
        }
        backplane.publish(node, Envelope.of(peer, message, codec.encode(message)).encode());
    }

    @Override
    public void deliver(Collection<String> peers, ServerMessage message) {
        List<String> here = new ArrayList<>(peers.size());
        String frame = null;
        for (String peer : peers) {
            String node = remoteNodeOf(peer);
            if (node == null) {
                here.add(peer);
                continue;
            }
            if (frame == null) {
                frame = codec.encode(message);
            }
            backplane.publish(node, Envelope.of(peer, message, frame).encode());
        }
        local.deliver(here, message);
    }

    /** The node {@code peer} is connected to, when that is another node; null when it is this one. */
    private String remoteNodeOf(String peer) {
        String node = NodePeerIds.nodeOf(peer);
        return !backplane.enabled() || node == null || node.equals(backplane.node()) ? null : node;
    }
}
