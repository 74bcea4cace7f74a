package dev.switchboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.deploy.Dockerfile.Copy;
import dev.switchboard.it.MavenVerifyOnly;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile against what the build made: an integration test because failsafe runs after
 * {@code package} (the WAR exists) and after {@code pre-integration-test} (the Liberty Maven plugin has
 * unpacked the full Open Liberty runtime, every GA feature, under target/liberty/wlp).
 */
@MavenVerifyOnly
class DockerfileIT {

    private final Dockerfile dockerfile = Dockerfile.read();

    @Test
    void everyCopySourceExistsOnceMavenHasPackaged() throws IOException {
        for (Copy copy : dockerfile.copies()) {
            for (String source : copy.sources()) {
                Path path = Project.file(source);
                assertTrue(Files.isRegularFile(path) && Files.size(path) > 0, "COPY source missing or empty: " + source);
            }
        }
    }

    /**
     * features.sh installs, with featureUtility, the features server.xml names; each must be a public
     * feature of the release the image pins (the same as the runtime here, DockerfileTest checks).
     */
    @Test
    void everyFeatureOfServerXmlIsAPublicFeatureOfTheRuntimeRelease() throws IOException {
        Map<String, String> publicFeatures = publicFeatures();
        for (String feature : ServerXml.read().features()) {
            String release = publicFeatures.get(feature.toLowerCase(Locale.ROOT));
            assertEquals(Project.pom("properties/openliberty.version"), release,
                    feature + ": not a public feature of this Open Liberty runtime (release it applies to: " + release + ")");
        }
    }

    /** Short name (lower case) of each public feature under lib/features to the release it applies to. */
    private static Map<String, String> publicFeatures() throws IOException {
        Path features = Path.of(System.getProperty("switchboard.it.wlp", "target/liberty/wlp"), "lib", "features");
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> manifests = Files.list(features)) {
            for (Path file : (Iterable<Path>) manifests.filter(f -> f.toString().endsWith(".mf"))::iterator) {
                Attributes headers = read(file).getMainAttributes();
                String shortName = headers.getValue("IBM-ShortName");
                if (shortName != null && headers.getValue("Subsystem-SymbolicName").contains("visibility:=public")) {
                    String appliesTo = headers.getValue("IBM-AppliesTo");
                    found.put(shortName.toLowerCase(Locale.ROOT),
                            appliesTo == null ? "" : appliesTo.replaceFirst(".*productVersion=\"([^\"]+)\".*", "$1"));
                }
            }
        }
        assertTrue(found.size() > 100, "public features under " + features + ": " + found.size());
        return found;
    }

    private static Manifest read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in);
        }
    }
}
