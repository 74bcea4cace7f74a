package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link Delivery} that records, per peer and in order, everything delivered; safe for concurrent use. */
final class RecordingDelivery implements Delivery {

    private final Map<String, List<ServerMessage>> byPeer = new ConcurrentHashMap<>();

    @Override
    public void deliver(String peer, ServerMessage message) {
        byPeer.computeIfAbsent(peer, p -> Collections.synchronizedList(new ArrayList<>())).add(message);
    }

    @Override
    public void deliver(Collection<String> peers, ServerMessage message) {
        peers.forEach(peer -> deliver(peer, message));
    }

    /** What {@code peer} was sent so far, leaving it recorded. */
    List<ServerMessage> of(String peer) {
        List<ServerMessage> messages = byPeer.getOrDefault(peer, List.of());
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** What {@code peer} was sent so far, forgetting it. */
    List<ServerMessage> take(String peer) {
        List<ServerMessage> messages = of(peer);
        byPeer.remove(peer);
        return messages;
    }

    /** The one message {@code peer} was sent, forgetting it. */
    ServerMessage only(String peer) {
        List<ServerMessage> messages = take(peer);
        assertEquals(1, messages.size(), () -> peer + " got " + messages);
        return messages.get(0);
    }

    void clear() {
        byPeer.clear();
    }

    void assertEmpty() {
        assertTrue(byPeer.isEmpty(), () -> "unexpected deliveries: " + byPeer);
    }
}
