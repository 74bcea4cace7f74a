package dev.switchboard.connection;

import dev.switchboard.Unproxied;
import dev.switchboard.protocol.MessageCodec;
import dev.switchboard.protocol.ServerMessage;
import dev.switchboard.signaling.Delivery;
import jakarta.inject.Inject;
import java.util.Collection;

/** Delivery to the peers connected to this node: encoded once per message, queued in their outboxes. */
@Unproxied
public class LocalDelivery implements Delivery {

    /** Encodes on the deciding thread: an outbox bounds what it holds in bytes, so it holds frames, not objects. */
    private final MessageCodec codec = MessageCodec.shared();
    private final ConnectedPeers peers;

    @Inject
    public LocalDelivery(ConnectedPeers peers) {
        this.peers = peers;
    }

    @Override
    public void deliver(String peer, ServerMessage message) {
        Connection connection = peers.get(peer);
        if (connection != null) {
            connection.send(Frame.of(codec.encode(message)));
        }
    }

    @Override
    public void deliver(Collection<String> receivers, ServerMessage message) {
        Frame frame = null;
        for (String peer : receivers) {
            Connection connection = peers.get(peer);
            if (connection != null) {
                if (frame == null) {
                    frame = Frame.of(codec.encode(message));
                }
                connection.send(frame);
            }
        }
    }

    /** Queues a frame encoded elsewhere (on another node) for {@code peer}, if it is connected here. */
    public void deliverFrame(String peer, String frame) {
        Connection connection = peers.get(peer);
        if (connection != null) {
            connection.send(Frame.of(frame));
        }
    }
}
