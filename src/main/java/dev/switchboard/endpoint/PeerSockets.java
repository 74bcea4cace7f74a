package dev.switchboard.endpoint;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/**
 * The application's two WebSocket paths, both served by {@link PeerSocket}: {@code /signal} and
 * {@code /rooms/{room}}. The container finds this class in the WAR and deploys what it returns.
 */
public class PeerSockets implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        Sockets sockets = new Sockets();
        return Set.of(ServerEndpointConfig.Builder.create(PeerSocket.class, "/signal").configurator(sockets).build(),
                ServerEndpointConfig.Builder.create(PeerSocket.class, "/rooms/{" + PeerSocket.ROOM + "}")
                        .configurator(sockets).build());
    }

    /** None: every endpoint is programmatic. */
    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }

    /**
     * Makes each connection's socket with the application's {@link ConnectionLifecycle}, looked up once: a
     * bean without a client proxy ({@code @Unproxied}), so the socket calls it directly.
     */
    private static final class Sockets extends ServerEndpointConfig.Configurator {

        private volatile ConnectionLifecycle lifecycle;

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            if (endpointClass != PeerSocket.class) {
                throw new IllegalArgumentException("not an endpoint of this application: " + endpointClass);
            }
            return endpointClass.cast(new PeerSocket(lifecycle()));
        }

        private ConnectionLifecycle lifecycle() {
            ConnectionLifecycle known = lifecycle;
            if (known == null) {
                known = CDI.current().select(ConnectionLifecycle.class).get();
                lifecycle = known;
            }
            return known;
        }
    }
}
