package dev.switchboard.it.payara;

import dev.switchboard.it.ServerAddress;
import dev.switchboard.it.ServerUnderTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A second Payara Micro for one test class, configured with {@code environment}, beside the one the
 * {@code payara} run shares: {@code @RegisterExtension static final ExtraPayara server = new ExtraPayara(name, env);}
 * It takes the jar, WAR and directory from the same system properties as {@link PayaraSession}.
 */
public final class ExtraPayara implements BeforeAllCallback, AfterAllCallback, ServerAddress {

    private final String name;
    private final Map<String, String> environment;
    private PayaraMicro server;
    private int port;

    public ExtraPayara(String name, Map<String, String> environment) {
        this.name = name;
        this.environment = environment;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = ServerUnderTest.freePort();
        server = PayaraMicro.start(Path.of(PayaraSession.required("switchboard.it.payara.jar")),
                Path.of(PayaraSession.required("switchboard.it.payara.war")), port,
                Path.of(PayaraSession.required("switchboard.it.payara.dir") + "-" + name), environment);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public URI httpUri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Payara Micro serves {@code /health} and {@code /metrics} on its one port. */
    @Override
    public URI managementUri(String path) {
        return httpUri(path);
    }

    @Override
    public URI webSocketUri(String path) {
        return URI.create("ws://localhost:" + port + path);
    }
}
