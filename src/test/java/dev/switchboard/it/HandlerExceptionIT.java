package dev.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Unproxied;
import dev.switchboard.metrics.SignalingMetrics;
import dev.switchboard.room.InMemoryRoomRegistry;
import dev.switchboard.room.JoinOutcome;
import dev.switchboard.room.Occupancy;
import dev.switchboard.room.Room;
import dev.switchboard.room.RoomRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A handler that throws, in a deployed application (Arquillian): the client gets error {@code internal}
 * with a reference and no internals, the server logs the failure once under that reference, and the room
 * state stays consistent. The registry of this deployment fails on purpose for the room "explode".
 */
@ExtendWith(ArquillianExtension.class)
@MavenVerifyOnly
@RunAsClient
class HandlerExceptionIT {

    private static final Pattern REFERENCE = Pattern.compile("reference ([0-9a-f-]{36})");

    /**
     * The application's registry, except that entering "explode" fails as a bug would. Without a client proxy,
     * as the application's own registry is, so that the stack it fails on is the application's message path.
     */
    @Alternative
    @Priority(1)
    @Unproxied
    public static class ExplodingRegistry implements RoomRegistry {
        private final InMemoryRoomRegistry rooms = new InMemoryRoomRegistry(2, 100);

        private static String checked(String room) {
            if (room.equals("explode")) {
                throw new IllegalStateException("simulated bug; secret detail 0xDEADBEEF");
            }
            return room;
        }

        @Override public JoinOutcome create(String room, String peer) {
            return rooms.create(checked(room), peer);
        }

        @Override public JoinOutcome join(String room, String peer) {
            return rooms.join(checked(room), peer);
        }

        @Override public JoinOutcome createOrJoin(String room, String peer) {
            return rooms.createOrJoin(checked(room), peer);
        }

        @Override public Optional<dev.switchboard.room.Departure> leave(String peer) {
            return rooms.leave(peer);
        }

        @Override public Optional<Room> roomOf(String peer) {
            return rooms.roomOf(peer);
        }

        @Override public int capacity() {
            return rooms.capacity();
        }

        @Override public Occupancy occupancy() {
            return rooms.occupancy();
        }
    }

    /**
     * Counts nothing. The server keeps one metric registry for all its applications: this archive, registering
     * the application's metrics too, would share them with the application and remove them on its undeployment.
     */
    @ApplicationScoped
    public static class NoMetrics implements SignalingMetrics {
    }

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "handler-exception-it.war")
                .addPackages(false, "dev.switchboard.protocol", "dev.switchboard.room", "dev.switchboard.directory",
                        "dev.switchboard.admission", "dev.switchboard.ice", "dev.switchboard.access",
                        "dev.switchboard.connection", "dev.switchboard.endpoint", "dev.switchboard.lifecycle",
                        "dev.switchboard.signaling", "dev.switchboard.health", "dev.switchboard.resume")
                .addPackages(true, "com.nimbusds") // the JOSE library the access package checks tokens with
                .addClasses(Unproxied.class, SignalingMetrics.class, ExplodingRegistry.class, NoMetrics.class)
                .addAsWebInfResource("arquillian/ibm-web-bnd.xml", "ibm-web-bnd.xml"); // on the application's port
    }

    @ArquillianResource
    URL base;

    private URI signal() {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "signal");
    }

    @Test
    void aFailingHandlerAnswersInternalWithAReferenceLoggedOnceAndKeepsTheRoomsConsistent() throws Exception {
        try (TestPeer a = TestPeer.connect(signal()); TestPeer b = TestPeer.connect(signal())) {
            a.send("{\"type\":\"create\",\"room\":\"explode\",\"id\":1}");
            JsonObject error = a.nextError("internal");
            assertEquals(1, error.getInt("ref"));
            String text = error.getString("message");
            assertFalse(text.contains("simulated") || text.contains("DEADBEEF") || text.contains("Exception"), text);
            Matcher reference = REFERENCE.matcher(text);
            assertTrue(reference.find(), "no reference in " + text);

            // Nothing half-done: the peer is in no room, and both can still meet elsewhere.
            a.send("{\"type\":\"leave\"}");
            a.nextError("not-in-room");
            TestPeer.meet(a, b, ServerUnderTest.uniqueRoom());
            a.send("{\"type\":\"offer\",\"sdp\":\"after the failure\"}");
            assertEquals("after the failure", b.next("offer").getString("sdp"));

            String log = log();
            assertEquals(1, log.split(Pattern.quote(reference.group(1)), -1).length - 1, "logged once");
            Figures.record("HandlerExceptionIT", "handler exceptions: reply internal + reference, logged once, state consistent",
                    "yes");
        }
    }
    /**
     * The stack the registry fails on, as logged, from the container's read of the frame to the registry: every
     * frame is the container's or the application's own code, none a CDI client proxy or a reflective call.
     */
    @Test
    void aMessageReachesTheRegistryThroughNoClientProxyAndNoReflection() throws Exception {
        try (TestPeer a = TestPeer.connect(signal())) {
            a.send("{\"type\":\"create\",\"room\":\"explode\",\"id\":2}");
            Matcher reference = REFERENCE.matcher(a.nextError("internal").getString("message"));
            assertTrue(reference.find(), "no reference");
            List<String> path = messagePath(log(), reference.group(1));
            assertTrue(path.get(path.size() - 1).contains("dev.switchboard.endpoint.PeerSocket"),
                    "the path does not start at the socket's handler: " + path);
            for (String frame : path) {
                assertFalse(frame.contains("Proxy") || frame.contains("$$") || frame.contains(".reflect."),
                        "a proxy or reflection on the message path: " + frame + " in " + path);
            }
            Figures.record("HandlerExceptionIT", "frames from the socket's handler to the registry, none a proxy or reflection",
                    path.size());
        }
    }

    /** The logged stack of the failure with {@code reference}, from the registry down to the socket's handler. */
    private static List<String> messagePath(String log, String reference) {
        List<String> frames = log.lines().dropWhile(line -> !line.contains(reference)).skip(1)
                .takeWhile(line -> !line.startsWith("["))
                .map(String::strip).filter(line -> line.startsWith("at ")).toList();
        int registry = indexOf(frames, ExplodingRegistry.class.getName().replace('$', '.'), ExplodingRegistry.class.getName());
        int socket = indexOf(frames, "dev.switchboard.endpoint.PeerSocket.received");
        return frames.subList(registry, socket + 1);
    }

    private static int indexOf(List<String> frames, String... names) {
        for (int i = 0; i < frames.size(); i++) {
            for (String name : names) {
                if (frames.get(i).contains(name)) {
                    return i;
                }
            }
        }
        throw new AssertionError("no frame of " + List.of(names) + " in the logged stack: " + frames);
    }

    private static String log() throws IOException {
        return Files.readString(Path.of(System.getProperty("switchboard.it.wlp", "target/liberty/wlp"),
                "usr/servers/defaultServer/logs/messages.log"));
    }
}
