package dev.switchboard.bench.floor;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor's protocol (bench/peers/floor-server.js): {@code J:<room>} puts the connection in a room (leaving
 * its previous one) and is answered {@code J}; any other text frame goes to the rest of its room as it is.
 * No parsing, validation or limits: only what a non-blocking relay on this runtime cannot do without.
 */
@ServerEndpoint(value = "/", configurator = FloorEndpoint.Rooms.class)
public class FloorEndpoint {

    /** The rooms of the deployment: the container keeps one configurator, and asks it for each connection's endpoint. */
    public static final class Rooms extends ServerEndpointConfig.Configurator {
        private final Map<String, Set<Writer>> rooms = new ConcurrentHashMap<>();

        @Override
        public <T> T getEndpointInstance(Class<T> endpoint) {
            FloorEndpoint instance = new FloorEndpoint();
            instance.rooms = rooms;
            return endpoint.cast(instance);
        }
    }

    private Map<String, Set<Writer>> rooms;
    private Writer writer;
    private String room;

    /** Open Liberty deploys only endpoints with a public constructor without arguments, though it never calls it here. */
    public FloorEndpoint() {
    }

    @OnOpen
    public void open(Session session) {
        writer = Writer.of(session);
    }

    @OnMessage
    public void message(String frame) {
        if (frame.startsWith("J:")) {
            leave();
            room = frame.substring(2);
            rooms.computeIfAbsent(room, name -> ConcurrentHashMap.newKeySet()).add(writer);
            writer.send("J");
            return;
        }
        Set<Writer> members = room == null ? null : rooms.get(room);
        if (members != null) {
            for (Writer other : members) {
                if (other != writer) {
                    other.send(frame);
                }
            }
        }
    }

    @OnClose
    public void close() {
        leave();
    }

    private void leave() {
        if (room != null) {
            rooms.computeIfPresent(room, (name, members) -> members.remove(writer) && members.isEmpty() ? null : members);
            room = null;
        }
    }
}
