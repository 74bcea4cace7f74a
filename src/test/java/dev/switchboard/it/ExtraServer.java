package dev.switchboard.it;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link LibertyServer} for one test class, started before its tests and stopped after them:
 * {@code @RegisterExtension static final ExtraServer server = new ExtraServer("name", env);}
 */
public final class ExtraServer implements BeforeAllCallback, AfterAllCallback, ServerAddress {

    private final String name;
    private final Map<String, String> environment;
    private LibertyServer server;

    public ExtraServer(String name, Map<String, String> environment) {
        this.name = name;
        this.environment = environment;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = LibertyServer.start(name, environment);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }

    public LibertyServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    @Override
    public URI httpUri(String path) {
        return server.httpUri(path);
    }

    @Override
    public URI managementUri(String path) {
        return server.managementUri(path);
    }

    @Override
    public URI webSocketUri(String path) {
        return server.webSocketUri(path);
    }
}
