package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Unproxied;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.protocol.Create;
import dev.switchboard.protocol.MessageCodec;
import dev.switchboard.protocol.Welcome;
import dev.switchboard.room.JoinOutcome;
import dev.switchboard.room.Occupancy;
import dev.switchboard.room.RoomRegistry;
import dev.switchboard.signaling.SignalingService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside Liberty (Arquillian): CDI wires one application-scoped registry, sized by MicroProfile Config,
 * into the signaling service. Deployed as its own small archive beside the application under test.
 */
@ExtendWith(ArquillianExtension.class)
@MavenVerifyOnly
class RegistryInjectionIT {

    /**
     * Counts nothing. The server keeps one metric registry for all its applications: this archive, registering
     * the application's metrics too, would share them with the application and remove them on its undeployment.
     */
    @ApplicationScoped
    public static class NoMetrics implements SignalingMetrics {
    }

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "registry-injection-it.war")
                .addPackages(false, "dev.switchboard.protocol", "dev.switchboard.room", "dev.switchboard.directory",
                        "dev.switchboard.admission", "dev.switchboard.ice", "dev.switchboard.access",
                        "dev.switchboard.connection", "dev.switchboard.endpoint", "dev.switchboard.lifecycle",
                        "dev.switchboard.signaling", "dev.switchboard.resume")
                .addPackages(true, "com.nimbusds") // the JOSE library the access package checks tokens with
                .addClasses(Unproxied.class, SignalingMetrics.class, NoMetrics.class)
                .addAsWebInfResource("arquillian/ibm-web-bnd.xml", "ibm-web-bnd.xml") // on the application's port
                .addAsResource(new StringAsset("switchboard.room.capacity=3\n"),
                        "META-INF/microprofile-config.properties");
    }

    @Inject
    RoomRegistry registry;

    @Inject
    SignalingService signaling;

    @Test
    void theRegistryIsInjectedWithTheConfiguredCapacity() {
        assertEquals(3, registry.capacity());
    }

    @Test
    void theSignalingServiceSharesTheInjectedRegistry() {
        Occupancy before = registry.occupancy();
        signaling.handle("arquillian-peer", new Create("arquillian-room", null));
        assertEquals("arquillian-room", registry.roomOf("arquillian-peer").orElseThrow().name());
        assertTrue(registry.leave("arquillian-peer").isPresent());
        assertEquals(before, registry.occupancy());
    }

    @Test
    void roomsAdmitTheConfiguredCapacityInTheDeployedApp() {
        registry.create("arquillian-mesh", "p1");
        registry.join("arquillian-mesh", "p2");
        assertInstanceOf(JoinOutcome.Joined.class, registry.join("arquillian-mesh", "p3"));
        assertInstanceOf(JoinOutcome.Full.class, registry.join("arquillian-mesh", "p4"));
        registry.leave("p1");
        registry.leave("p2");
        registry.leave("p3");
        assertEquals(new Occupancy(0, 0), registry.occupancy());
    }

    @Test
    void theServerProvidesAJsonbThatBindsTheProtocol() {
        assertTrue(MessageCodec.shared().encode(new Welcome("x", 1L)).contains("\"type\":\"welcome\""));
    }
}
