package dev.switchboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.health.HealthEndpoints;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenShift manifests under deploy/openshift, read as YAML and checked against what the server and
 * the code really do: the health paths it serves, the port server.xml gives it, the configuration keys
 * the code reads, the drain it does on SIGTERM. Every Deployment and OpenLibertyApplication is asked the
 * same questions ({@link Workload}).
 */
class OpenShiftManifestTest {

    private static final String REDIS_KEY = "switchboard.cluster.redis-uri";
    private static final String REDIS_VARIABLE = ConfigKeys.environmentName(REDIS_KEY);
    /** Liberty's own environment variables the manifests may set (console logging). */
    private static final Set<String> LIBERTY_VARIABLES = Set.of(
            "WLP_LOGGING_CONSOLE_FORMAT", "WLP_LOGGING_CONSOLE_LOGLEVEL", "WLP_LOGGING_CONSOLE_SOURCE");
    /** Seconds Liberty itself takes to stop after the drain (about 1 s measured in docs/shutdown.md), with room. */
    private static final long LIBERTY_STOP_SECONDS = 5;
    private static final String TIMEOUT = "haproxy.router.openshift.io/timeout";
    private static final String TUNNEL_TIMEOUT = "haproxy.router.openshift.io/timeout-tunnel";
    private static final Pattern HAPROXY_TIME = Pattern.compile("(\\d+)(us|ms|s|m|h|d)?");

    private final List<Manifest> manifests = Manifest.all();
    private final List<Workload> workloads = Workload.of(manifests);
    private final ConfigKeys keys = ConfigKeys.read();

    @Test
    void eachWayOfDeployingHasOneSingleNodeAndOneClusteredFileDeployingSwitchboardOnce() {
        Set<String> files = new TreeSet<>();
        manifests.forEach(m -> files.add(m.file()));
        for (String file : files) {
            assertEquals(1, workloads.stream().filter(w -> w.manifest().file().equals(file)).count(), file);
        }
        for (boolean operator : List.of(true, false)) {
            List<Workload> way = workloads.stream().filter(w -> w.byOperator() == operator).toList();
            assertEquals(2, way.size(), (operator ? "with" : "without") + " the operator: " + way);
            assertEquals(1, way.stream().filter(w -> w.variable(REDIS_VARIABLE).isPresent()).count(),
                    "one clustered (Redis) and one single-node: " + way);
        }
    }

    @Test
    void probesAskTheHealthEndpointsTheServerServes() {
        for (Workload workload : workloads) {
            assertEquals(HealthEndpoints.STARTED, Tree.string(workload.probe("startup"), "httpGet", "path"), workload + " startup");
            assertEquals(HealthEndpoints.LIVE, Tree.string(workload.probe("liveness"), "httpGet", "path"), workload + " liveness");
            assertEquals(HealthEndpoints.READY, Tree.string(workload.probe("readiness"), "httpGet", "path"), workload + " readiness");
        }
    }

    @Test
    void containersAndServicesOpenTheApplicationAndManagementPortsServerXmlGivesTheServer() {
        ServerXml server = ServerXml.read();
        List<Integer> ports = List.of(server.httpPort(), server.managementPort());
        for (Workload workload : workloads) {
            assertEquals(ports, workload.containerPorts(), workload + " container ports");
            if (workload.byOperator()) {
                assertEquals(server.httpPort(), ((Number) Tree.at(workload.spec(), "service", "port")).intValue(), workload + " service port");
            }
            for (Manifest service : Manifest.ofKind(manifests, workload.manifest().file(), "Service")) {
                Map<String, Object> labels = Tree.map(workload.spec(), "template", "metadata", "labels");
                assertTrue(labels.entrySet().containsAll(Tree.map(service.object(), "spec", "selector").entrySet()),
                        service + " selects the pods of " + workload);
                List<Integer> targets = Tree.list(service.object(), "spec", "ports").stream()
                        .map(servicePort -> workload.port(Tree.at(servicePort, "targetPort"))).toList();
                assertEquals(ports, targets, service + " targetPorts");
            }
        }
    }

    @Test
    void probesAskTheManagementPortOverPlainHttp() {
        int management = ServerXml.read().managementPort();
        for (Workload workload : workloads) {
            for (String probe : List.of("startup", "liveness", "readiness")) {
                Map<String, Object> httpGet = Tree.map(workload.probe(probe), "httpGet");
                assertEquals(management, workload.port(Tree.at(httpGet, "port")), workload + " " + probe + " probe port");
                assertEquals("HTTP", String.valueOf(httpGet.getOrDefault("scheme", "HTTP")), workload + " " + probe + ": plain HTTP");
            }
        }
    }

    /**
     * What a Route reaches is the application's port, where server.xml serves the application alone: Liberty's
     * own applications, /health and /metrics among them, live on default_host, which takes the management
     * endpoint only. (ManagementPortIT shows it on a running server.)
     */
    @Test
    void noRouteReachesHealthOrMetrics() {
        ServerXml server = ServerXml.read();
        assertEquals(ServerXml.MANAGEMENT_ENDPOINT, server.virtualHostEndpoints("default_host"),
                "default_host, where /health and /metrics are, takes the management endpoint only");
        String application = server.applicationVirtualHost();
        assertNotEquals("default_host", application, "the application has a virtual host of its own");
        assertEquals(ServerXml.APPLICATION_ENDPOINT, server.virtualHostEndpoints(application));
        for (Workload workload : workloads) {
            if (workload.byOperator()) {
                // expose: true routes spec.service.port (checked above to be the application's port) and nothing else
                assertEquals(server.httpPort(), workload.port(Tree.at(workload.spec(), "service", "portName")), workload + ": the routed port");
            } else {
                for (Manifest route : Manifest.ofKind(manifests, workload.manifest().file(), "Route")) {
                    Object targetPort = Tree.at(route.object(), "spec", "port", "targetPort");
                    Manifest service = Manifest.ofKind(manifests, workload.manifest().file(), "Service").stream()
                            .filter(s -> s.name().equals(Tree.string(route.object(), "spec", "to", "name"))).findFirst().orElseThrow();
                    Object servicePort = Tree.list(service.object(), "spec", "ports").stream()
                            .filter(p -> targetPort.equals(Tree.find(p, "name").orElse(null)) || targetPort.equals(Tree.find(p, "port").orElse(null)))
                            .findFirst().orElseThrow(() -> new AssertionError(route + " targets no port of " + service));
                    assertEquals(server.httpPort(), workload.port(Tree.at(servicePort, "targetPort")), route + ": the routed port");
                }
            }
        }
    }

    @Test
    void routesTerminateTlsAtTheEdgeReachTheServiceAndKeepWebSocketsOpenPastTheHeartbeat() {
        for (Workload workload : workloads) {
            long heartbeat = keys.value("switchboard.heartbeat.interval-ms", workload.literalEnv());
            Map<String, Object> tls;
            Map<String, Object> annotations;
            if (workload.byOperator()) {
                assertEquals(Boolean.TRUE, workload.spec().get("expose"), workload + ": a Route");
                assertEquals(Boolean.FALSE, workload.spec().get("manageTLS"), workload + ": no operator TLS (it would re-encrypt to 9443)");
                tls = Tree.map(workload.spec(), "route");
                annotations = Tree.map(workload.spec(), "route", "annotations");
            } else {
                List<Manifest> routes = Manifest.ofKind(manifests, workload.manifest().file(), "Route");
                assertEquals(1, routes.size(), workload.manifest().file() + ": one Route");
                Map<String, Object> route = routes.get(0).object();
                assertEquals("Service", Tree.string(route, "spec", "to", "kind"));
                Manifest service = Manifest.ofKind(manifests, workload.manifest().file(), "Service").stream()
                        .filter(s -> s.name().equals(Tree.string(route, "spec", "to", "name"))).findFirst()
                        .orElseThrow(() -> new AssertionError(routes.get(0) + " names no Service of its file"));
                Object targetPort = Tree.at(route, "spec", "port", "targetPort");
                assertTrue(Tree.list(service.object(), "spec", "ports").stream().anyMatch(p -> targetPort.equals(Tree.find(p, "name").orElse(null))
                        || targetPort.equals(Tree.find(p, "targetPort").orElse(null))), routes.get(0) + " targets a port of " + service);
                tls = Tree.map(route, "spec", "tls");
                annotations = Tree.map(route, "metadata", "annotations");
            }
            assertEquals("edge", Tree.string(tls, "termination"), workload + ": TLS ends at the router");
            assertEquals("Redirect", Tree.string(tls, "insecureEdgeTerminationPolicy"), workload + ": http:// redirected");
            for (String timeout : List.of(TIMEOUT, TUNNEL_TIMEOUT)) {
                assertTrue(millis(Tree.string(annotations, timeout)) > heartbeat,
                        workload + ": " + timeout + " longer than the heartbeat interval (" + heartbeat + " ms)");
            }
        }
    }

    @Test
    void environmentVariablesAreOnesTheApplicationOrLibertyReads() {
        Set<String> libertyVariables = new TreeSet<>(LIBERTY_VARIABLES);
        ServerXml.read().variableNames().forEach(name -> libertyVariables.add(ConfigKeys.environmentName(name)));
        for (Workload workload : workloads) {
            for (Object variable : workload.env()) {
                String name = Tree.string(variable, "name");
                if (name.startsWith("SWITCHBOARD_")) {
                    assertTrue(keys.keyOf(name).isPresent(), workload + ": " + name + " is no @ConfigProperty of src/main/java");
                } else {
                    assertTrue(libertyVariables.contains(name), workload + ": " + name + " is read by neither the application nor Liberty");
                }
                Tree.find(variable, "value").ifPresent(value ->
                        assertTrue(value instanceof String, workload + ": " + name + " must be a YAML string, not " + value));
            }
        }
    }

    @Test
    void onlyTheClusteredPodsRunSeveralAndTheyGetTheRedisUriFromTheSecretTheReadmeCreates() {
        assertTrue(keys.keyOf(REDIS_VARIABLE).isPresent(), REDIS_KEY + " read by the code");
        Matcher secret = Pattern.compile("oc create secret generic (\\S+) --from-literal=(uri)=").matcher(Project.read("README.md"));
        assertTrue(secret.find(), "README creates the Redis secret");
        for (Workload workload : workloads) {
            var redis = workload.variable(REDIS_VARIABLE);
            if (redis.isEmpty()) {
                assertEquals(1, workload.replicas(), workload + ": rooms in one pod's memory; more pods need Redis");
                continue;
            }
            assertTrue(workload.replicas() >= 2, workload + ": clustered");
            assertFalse(Tree.find(redis.get(), "value").isPresent(), workload + ": the URI holds a password, not in the file");
            assertEquals(secret.group(1), Tree.string(redis.get(), "valueFrom", "secretKeyRef", "name"), workload + " secret");
            assertEquals(secret.group(2), Tree.string(redis.get(), "valueFrom", "secretKeyRef", "key"), workload + " secret key");
        }
    }

    @Test
    void everyWorkloadMayTakeTheTurnUrlsAndSecretFromTheSecretTheReadmeCreatesAndNeverFromTheFile() {
        assertTakenFromOptionalSecret("--from-literal=secret=\\S+ --from-literal=urls=",
                Map.of("switchboard.ice.turn-secret", "secret", "switchboard.ice.turn-urls", "urls"));
    }

    @Test
    void everyWorkloadMayTakeAccessControlFromTheSecretTheReadmeCreatesAndNeverFromTheFile() {
        assertTakenFromOptionalSecret("--from-literal=mode=token --from-literal=jwt-secret=",
                Map.of("switchboard.auth.mode", "mode", "switchboard.auth.jwt.secret", "jwt-secret"));
    }

    /**
     * Every workload reads each configuration key of {@code keysInSecret} from the key given of the Secret
     * the README creates with {@code literals}, marked optional (a deployment without that Secret starts),
     * and never from a value in the file.
     */
    private void assertTakenFromOptionalSecret(String literals, Map<String, String> keysInSecret) {
        Matcher secret = Pattern.compile("oc create secret generic (\\S+) " + literals).matcher(Project.read("README.md"));
        assertTrue(secret.find(), "README creates the Secret: oc create secret generic NAME " + literals);
        keysInSecret.forEach((key, secretKey) -> {
            String variable = ConfigKeys.environmentName(key);
            assertTrue(keys.keyOf(variable).isPresent(), key + " read by the code");
            for (Workload workload : workloads) {
                var entry = workload.variable(variable).orElseThrow(() -> new AssertionError(workload + ": no " + variable));
                assertFalse(Tree.find(entry, "value").isPresent(), workload + ": " + variable + " not in the file");
                assertEquals(secret.group(1), Tree.string(entry, "valueFrom", "secretKeyRef", "name"), workload + " " + variable);
                assertEquals(secretKey, Tree.string(entry, "valueFrom", "secretKeyRef", "key"), workload + " " + variable);
                assertEquals(Boolean.TRUE, Tree.find(entry, "valueFrom", "secretKeyRef", "optional").orElse(null),
                        workload + ": " + variable + " optional, so that a deployment without the Secret starts");
            }
        });
    }

    @Test
    void theGracePeriodCoversTheDelayAndTheDrainOnSigterm() {
        for (Workload workload : workloads) {
            long delay = keys.value("switchboard.shutdown.delay-ms", workload.literalEnv());
            long drain = keys.value("switchboard.shutdown.drain-ms", workload.literalEnv());
            assertTrue(delay > 0, workload + ": a delay, for the router to drop the pod before connections close");
            assertTrue(workload.terminationGracePeriodSeconds() * 1000 >= delay + drain + LIBERTY_STOP_SECONDS * 1000,
                    workload + ": grace " + workload.terminationGracePeriodSeconds() + " s < delay " + delay + " ms + drain "
                            + drain + " ms + " + LIBERTY_STOP_SECONDS + " s");
        }
    }

    @Test
    void podsRunUnderTheRestrictedSecurityContext() {
        for (Workload workload : workloads) {
            Map<String, Object> container = workload.containerSecurityContext();
            Map<String, Object> pod = workload.podSecurityContext();
            assertEquals(Boolean.FALSE, container.get("allowPrivilegeEscalation"), workload + " allowPrivilegeEscalation");
            assertNotEquals(Boolean.TRUE, container.get("privileged"), workload + " privileged");
            assertEquals(List.of("ALL"), Tree.list(container, "capabilities", "drop"), workload + " capabilities dropped");
            assertFalse(Tree.find(container, "capabilities", "add").isPresent(), workload + " capabilities added");
            assertTrue(Boolean.TRUE.equals(container.get("runAsNonRoot")) || Boolean.TRUE.equals(pod.get("runAsNonRoot")),
                    workload + " runAsNonRoot");
            for (Map<String, Object> context : List.of(container, pod)) {
                assertNotEquals(0, context.get("runAsUser"), workload + " runAsUser 0");
            }
            Object seccomp = Tree.find(container, "seccompProfile", "type").orElse(Tree.find(pod, "seccompProfile", "type").orElse(null));
            assertEquals("RuntimeDefault", seccomp, workload + " seccomp profile");
            if (workload.byOperator()) {
                assertEquals(Boolean.FALSE, Tree.at(workload.spec(), "serviceAccount", "mountToken"), workload + ": no API token");
            } else {
                assertEquals(Boolean.FALSE, workload.podSpec().get("automountServiceAccountToken"), workload + ": no API token");
                for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                    assertNotEquals(Boolean.TRUE, workload.podSpec().get(host), workload + " " + host);
                }
            }
        }
    }

    @Test
    void behindTheRouterClientAddressesComeFromItsForwardedHeader() {
        for (Workload workload : workloads) {
            assertEquals(1, keys.value("switchboard.proxy.trusted-hops", workload.literalEnv()),
                    workload + ": every client would share the router's address (and its per-address connection limit)");
        }
    }

    @Test
    void logsAreJsonLinesOnTheConsole() {
        for (Workload workload : workloads) {
            assertEquals("json", workload.literalEnv().getOrDefault("WLP_LOGGING_CONSOLE_FORMAT", "").toLowerCase(Locale.ROOT), workload.toString());
        }
    }

    @Test
    void everyPodRunsTheImageTheReadmeBuildsAndADeploymentFollowsItsNewBuilds() {
        Matcher build = Pattern.compile("oc new-build [^\\n]*--name[ =](\\S+)").matcher(Project.read("README.md"));
        assertTrue(build.find(), "README creates the BuildConfig");
        String image = build.group(1) + ":latest";
        for (Workload workload : workloads) {
            assertEquals(image, workload.image(), workload + ": the image stream tag the build pushes");
            if (!workload.byOperator()) {
                JsonArray triggers;
                try (var reader = Json.createReader(new StringReader(Tree.string(workload.manifest().object(),
                        "metadata", "annotations", "image.openshift.io/triggers")))) {
                    triggers = reader.readArray();
                }
                JsonObject trigger = triggers.getJsonObject(0);
                assertEquals(image, trigger.getJsonObject("from").getString("name"), workload + " trigger");
                assertEquals("ImageStreamTag", trigger.getJsonObject("from").getString("kind"), workload + " trigger");
                assertEquals("spec.template.spec.containers[?(@.name==\"" + Tree.string(workload.container(), "name") + "\")].image",
                        trigger.getString("fieldPath"), workload + " trigger");
            }
        }
    }

    @Test
    void cpuAndMemoryAreRequestedAndLimited() {
        for (Workload workload : workloads) {
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertTrue(Tree.find(workload.resources(), bound, resource).isPresent(), workload + " " + bound + "." + resource);
                }
            }
        }
    }

    /** An HAProxy time (a number and a unit; milliseconds without one) in milliseconds. */
    private static long millis(String time) {
        Matcher matcher = HAPROXY_TIME.matcher(time);
        assertTrue(matcher.matches(), "not an HAProxy time: " + time);
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        return switch (unit) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> value * 86_400_000;
        };
    }
}
