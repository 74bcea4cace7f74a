package dev.switchboard.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod a manifest runs, asked the same questions whether a Deployment describes it or an
 * OpenLibertyApplication (from which the Open Liberty Operator makes the Deployment).
 */
final class Workload {

    static final String OPERATOR_KIND = "OpenLibertyApplication";
    /** Kubernetes' default; the OpenLibertyApplication v1 spec has no field for it. */
    static final long DEFAULT_GRACE_SECONDS = 30;

    private final Manifest manifest;
    private final boolean operator;

    private Workload(Manifest manifest) {
        this.manifest = manifest;
        this.operator = manifest.kind().equals(OPERATOR_KIND);
    }

    /** The Deployments and OpenLibertyApplications among {@code manifests}. */
    static List<Workload> of(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.kind().equals("Deployment") || m.kind().equals(OPERATOR_KIND))
                .map(Workload::new).toList();
    }

    Manifest manifest() {
        return manifest;
    }

    boolean byOperator() {
        return operator;
    }

    String image() {
        return operator ? Tree.string(spec(), "applicationImage") : Tree.string(container(), "image");
    }

    int replicas() {
        return ((Number) Tree.find(spec(), "replicas").orElse(1)).intValue();
    }

    /** "startup", "readiness" or "liveness". */
    Map<String, Object> probe(String which) {
        return operator ? Tree.map(spec(), "probes", which) : Tree.map(container(), which + "Probe");
    }

    /** The port numbers the container declares: for the operator, the service's port, then its further ports. */
    List<Integer> containerPorts() {
        if (operator) {
            Map<String, Object> service = Tree.map(spec(), "service");
            List<Integer> ports = new java.util.ArrayList<>();
            ports.add(((Number) service.getOrDefault("targetPort", service.get("port"))).intValue());
            for (Object port : Tree.find(spec(), "service", "ports").map(List.class::cast).orElse(List.of())) {
                ports.add(((Number) Tree.at(port, "targetPort")).intValue());
            }
            return ports;
        }
        return Tree.list(container(), "ports").stream().map(p -> ((Number) Tree.at(p, "containerPort")).intValue()).toList();
    }

    /** A port as a probe or a Service names it: a number, or the name of a container port. */
    int port(Object reference) {
        if (reference instanceof Number number) {
            return number.intValue();
        }
        if (operator) {
            if (reference.equals(Tree.find(spec(), "service", "portName").orElse(null))) {
                return containerPorts().get(0);
            }
        } else {
            for (Object port : Tree.list(container(), "ports")) {
                if (reference.equals(Tree.find(port, "name").orElse(null))) {
                    return ((Number) Tree.at(port, "containerPort")).intValue();
                }
            }
        }
        throw new AssertionError(manifest + ": no container port named " + reference);
    }

    List<Object> env() {
        return operator ? Tree.list(spec(), "env") : Tree.list(container(), "env");
    }

    /** The environment variables set to a literal value. */
    Map<String, String> literalEnv() {
        Map<String, String> literal = new LinkedHashMap<>();
        for (Object variable : env()) {
            Tree.find(variable, "value").ifPresent(value -> literal.put(Tree.string(variable, "name"), String.valueOf(value)));
        }
        return literal;
    }

    Optional<Object> variable(String name) {
        return env().stream().filter(v -> name.equals(Tree.string(v, "name"))).findFirst();
    }

    Map<String, Object> containerSecurityContext() {
        return operator ? Tree.map(spec(), "securityContext") : Tree.map(container(), "securityContext");
    }

    /** The pod-level security context; an OpenLibertyApplication has only the container's. */
    Map<String, Object> podSecurityContext() {
        return operator ? Map.of() : Tree.map(podSpec(), "securityContext");
    }

    long terminationGracePeriodSeconds() {
        return operator ? DEFAULT_GRACE_SECONDS
                : ((Number) Tree.find(podSpec(), "terminationGracePeriodSeconds").orElse(DEFAULT_GRACE_SECONDS)).longValue();
    }

    Map<String, Object> resources() {
        return operator ? Tree.map(spec(), "resources") : Tree.map(container(), "resources");
    }

    Map<String, Object> spec() {
        return Tree.map(manifest.object(), "spec");
    }

    Map<String, Object> podSpec() {
        return Tree.map(spec(), "template", "spec");
    }

    Map<String, Object> container() {
        List<Object> containers = Tree.list(podSpec(), "containers");
        if (containers.size() != 1) {
            throw new AssertionError(manifest + ": one container expected, found " + containers.size());
        }
        return Tree.map(containers.get(0));
    }

    @Override
    public String toString() {
        return manifest.toString();
    }
}
