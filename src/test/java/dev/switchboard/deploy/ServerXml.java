package dev.switchboard.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The server configuration the image ships: src/main/liberty/config/server.xml. */
final class ServerXml {

    static final String PATH = "src/main/liberty/config/server.xml";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private final Document document;

    private ServerXml(Document document) {
        this.document = document;
    }

    static ServerXml read() {
        return new ServerXml(Project.xml(Project.file(PATH)));
    }

    /** The features of {@code <featureManager>}, as written. */
    List<String> features() {
        List<String> features = new ArrayList<>();
        for (Element feature : elements("feature")) {
            features.add(feature.getTextContent().trim());
        }
        return features;
    }

    static final String APPLICATION_ENDPOINT = "defaultHttpEndpoint";
    static final String MANAGEMENT_ENDPOINT = "managementHttpEndpoint";

    /** The application's port unless the environment says otherwise: its endpoint's httpPort, its variable resolved. */
    int httpPort() {
        return Integer.parseInt(resolve(httpEndpoint(APPLICATION_ENDPOINT, "httpPort")));
    }

    /** The port of /health and /metrics unless the environment says otherwise. */
    int managementPort() {
        return Integer.parseInt(resolve(httpEndpoint(MANAGEMENT_ENDPOINT, "httpPort")));
    }

    /** The endpoints' ids, in order. */
    List<String> httpEndpoints() {
        return elements("httpEndpoint").stream().map(e -> e.getAttribute("id")).toList();
    }

    String httpEndpoint(String id, String attribute) {
        return byId("httpEndpoint", id).getAttribute(attribute);
    }

    /** The endpoints virtual host {@code id} takes requests from. */
    String virtualHostEndpoints(String id) {
        return byId("virtualHost", id).getAttribute("allowFromEndpointRef");
    }

    /** The virtual host the application is bound to, or default_host when it names none. */
    String applicationVirtualHost() {
        List<Element> bound = elements("virtual-host");
        return bound.isEmpty() ? "default_host" : bound.get(0).getAttribute("name");
    }

    String webApplicationLocation() {
        return only("webApplication").getAttribute("location");
    }

    /** The names of the {@code <variable>}s, which Liberty also reads from environment variables. */
    List<String> variableNames() {
        return elements("variable").stream().map(v -> v.getAttribute("name")).toList();
    }

    List<Element> elements(String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private String resolve(String value) {
        Matcher reference = REFERENCE.matcher(value);
        if (!reference.matches()) {
            return value;
        }
        return variableDefault(reference.group(1))
                .orElseThrow(() -> new AssertionError("variable " + reference.group(1) + " has no default in " + PATH));
    }

    private Optional<String> variableDefault(String name) {
        return elements("variable").stream().filter(v -> v.getAttribute("name").equals(name))
                .map(v -> v.hasAttribute("defaultValue") ? v.getAttribute("defaultValue") : v.getAttribute("value"))
                .findFirst();
    }

    private Element byId(String tag, String id) {
        return elements(tag).stream().filter(e -> e.getAttribute("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + tag + " id=\"" + id + "\"> in " + PATH));
    }

    private Element only(String tag) {
        List<Element> found = elements(tag);
        if (found.size() != 1) {
            throw new AssertionError("expected one <" + tag + "> in " + PATH + ", found " + found.size());
        }
        return found.get(0);
    }
}
