package dev.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.switchboard.connection.SessionTransport;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.util.Set;

/** The layout's promises, checked on the compiled classes: who may touch the WebSocket API, and how. */
@AnalyzeClasses(packages = "dev.switchboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The connection layer: the endpoints and what they open. Everything else speaks of peers and frames. */
    @ArchTest
    static final ArchRule onlyTheConnectionLayerUsesTheWebSocketApi = noClasses()
            .that().resideOutsideOfPackages("dev.switchboard.connection..", "dev.switchboard.endpoint..")
            .should().dependOnClassesThat().resideInAPackage("jakarta.websocket..");

    private static final Set<String> CONTAINER_CALLS = Set.of("sendText", "sendBinary", "sendObject", "sendPing",
            "sendPong", "flushBatch", "close", "getBasicRemote");

    /** Bytes are written, and connections closed, in one place, which only the connection threads call. */
    @ArchTest
    static final ArchRule onlyTheTransportWritesOrCloses = noClasses()
            .that().doNotHaveFullyQualifiedName(SessionTransport.class.getName())
            .should().callMethodWhere(DescribedPredicate.describe("a send, ping or close of the WebSocket API",
                    (com.tngtech.archunit.core.domain.JavaMethodCall call) -> {
                        AccessTarget.MethodCallTarget target = call.getTarget();
                        return CONTAINER_CALLS.contains(target.getName())
                                && (target.getOwner().isAssignableTo(RemoteEndpoint.class)
                                || target.getOwner().isAssignableTo(Session.class));
                    }));

    /** The decisions are plain Java: no connections, no container. */
    @ArchTest
    static final ArchRule decisionsKnowNoConnections = noClasses()
            .that().resideInAnyPackage("dev.switchboard.signaling..", "dev.switchboard.room..",
                    "dev.switchboard.directory..", "dev.switchboard.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.connection..",
                    "dev.switchboard.endpoint..", "jakarta.websocket..", "jakarta.servlet..");
}
