package dev.switchboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.deploy.Dockerfile.Copy;
import dev.switchboard.deploy.Dockerfile.Instruction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The container image, checked without a container engine: what the Dockerfile says against what the
 * server configuration, the pom and the Open Liberty image conventions need. The checks that need the
 * packaged WAR and the installed runtime are in {@link DockerfileIT}.
 */
class DockerfileTest {

    /** icr.io/appcafe/open-liberty:[release-]kernel-slim-java{17,21}-openj9-ubi[-minimal] */
    private static final Pattern BASE = Pattern.compile(
            "icr\\.io/appcafe/open-liberty:(?:(\\d+\\.\\d+\\.\\d+\\.\\d+)-)?kernel-slim-java(17|21)-openj9-ubi(?:-minimal)?");
    private static final String CONFIG_DIR = "src/main/liberty/config";

    private final Dockerfile dockerfile = Dockerfile.read();

    @Test
    void buildsOnOneKernelSlimOpenLibertyImageOnUbiWithJava17Or21() {
        List<Instruction> from = dockerfile.all("FROM");
        assertEquals(1, from.size(), "one stage: " + from);
        assertTrue(BASE.matcher(from.get(0).arguments()).matches(), "base image: " + from.get(0).arguments());
    }

    @Test
    void baseImageHasTheLibertyReleaseTheTestsRunOnAndAJavaForTheCompiledClasses() {
        Matcher base = BASE.matcher(dockerfile.all("FROM").get(0).arguments());
        assertTrue(base.matches());
        assertEquals(Project.pom("properties/openliberty.version"), base.group(1),
                "the image's Liberty release, pinned to the one the integration tests ran on");
        assertTrue(Integer.parseInt(base.group(2)) >= Integer.parseInt(Project.pom("properties/maven.compiler.release")),
                "the image's Java runs classes compiled for maven.compiler.release");
    }

    @Test
    void everyServerConfigurationFileReachesConfigBeforeFeaturesShInstallsWhatItNames() throws IOException {
        int features = dockerfile.run("features.sh");
        List<String> copiedToConfig = dockerfile.copies().stream()
                .filter(copy -> copy.index() < features && copy.destination().equals("/config/"))
                .flatMap(copy -> copy.sources().stream()).toList();
        assertTrue(copiedToConfig.contains(ServerXml.PATH), "server.xml in /config before features.sh: " + copiedToConfig);
        // server.env, bootstrap.properties, jvm.options... added beside server.xml reach dev servers through the
        // Liberty Maven plugin: the image must get them too, or production runs another configuration.
        try (Stream<Path> files = Files.list(Project.file(CONFIG_DIR))) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String source = CONFIG_DIR + "/" + file.getFileName();
                assertTrue(copiedToConfig.contains(source), source + " is not copied to /config/ before features.sh");
            }
        }
    }

    @Test
    void developmentDropinsStayOutOfTheImage() {
        for (Copy copy : dockerfile.copies()) {
            for (String source : copy.sources()) {
                assertFalse(source.contains("configDropins") || source.equals(CONFIG_DIR) || source.equals(CONFIG_DIR + "/"),
                        "the configDropins (localConnector for Arquillian) are for development servers: " + copy);
            }
        }
    }

    @Test
    void theApplicationIsTheWarMavenPackagesAtTheLocationServerXmlDeploys() {
        List<Copy> wars = dockerfile.copies().stream()
                .filter(copy -> copy.sources().contains(Project.packagedArchive())).toList();
        assertEquals(1, wars.size(), "one COPY of " + Project.packagedArchive());
        Copy war = wars.get(0);
        assertEquals(List.of(Project.packagedArchive()), war.sources());
        String location = ServerXml.read().webApplicationLocation();
        assertEquals("/config/apps/", war.destination(), "apps/ is where <webApplication location> looks");
        assertEquals(location, Path.of(Project.packagedArchive()).getFileName().toString(),
                "server.xml deploys the file the COPY puts there");
        assertTrue(war.index() > dockerfile.run("features.sh"), "the WAR after the feature layer (cached apart)");
        assertTrue(war.index() < dockerfile.run("configure.sh"), "configure.sh runs the application into the class cache");
    }

    @Test
    void everyCopyIsOwnedByUser1001AndTheRootGroup() {
        assertTrue(dockerfile.all("ADD").isEmpty(), "COPY, not ADD: " + dockerfile.all("ADD"));
        assertFalse(dockerfile.copies().isEmpty());
        for (Copy copy : dockerfile.copies()) {
            assertEquals("1001:0", copy.flags().get("chown"),
                    "files the server may write, owned by 1001:0 as OpenShift's arbitrary user ids need: " + copy);
        }
    }

    @Test
    void runsAsUser1001NeverAsRoot() {
        List<Instruction> users = dockerfile.all("USER");
        assertFalse(users.isEmpty(), "a USER, so that the image does not rely on its base for it");
        for (Instruction user : users) {
            assertFalse(Set.of("root", "0").contains(user.arguments().split(":")[0]), "USER " + user.arguments());
        }
        assertEquals("1001", users.get(users.size() - 1).arguments(),
                "the last USER: numeric, so that Kubernetes' runAsNonRoot can check it");
    }

    @Test
    void exposesTheApplicationAndManagementPortsOfServerXmlAndNoHttpsPort() {
        ServerXml server = ServerXml.read();
        assertEquals(List.of(server.httpPort(), server.managementPort()), dockerfile.exposedPorts());
        for (String endpoint : server.httpEndpoints()) {
            assertEquals("-1", server.httpEndpoint(endpoint, "httpsPort"), endpoint + ": plain HTTP only, TLS ends at the route");
        }
    }

    @Test
    void labelsNameTheImageAsThePomDoes() {
        Map<String, String> labels = dockerfile.labels();
        assertEquals(Project.pom("name"), labels.get("org.opencontainers.image.title"));
        assertEquals(Project.pom("description"), labels.get("org.opencontainers.image.description"));
        assertEquals(Project.pom("version"), labels.get("org.opencontainers.image.version"));
        assertEquals(Project.pom("version"), labels.get("version"), "the base image's own version label, replaced");
        assertFalse(labels.getOrDefault("org.opencontainers.image.licenses", "").isBlank(), "licenses");
        assertEquals("${VCS_URL}", labels.get("org.opencontainers.image.source"), "source, from the build's --build-arg");
        assertTrue(dockerfile.args().containsKey("VCS_URL"));
    }

    @Test
    void configurationShippedInTheImageHoldsNoKeystoreAndNoPassword() {
        for (Copy copy : dockerfile.copies()) {
            for (String source : copy.sources()) {
                if (source.startsWith("src/")) {
                    String text = Project.read(source).toLowerCase(Locale.ROOT);
                    assertFalse(text.contains("keystore") || text.contains("password"), source + " holds a keystore or a password");
                }
            }
        }
        assertTrue(ServerXml.read().features().stream().noneMatch(f -> f.startsWith("transportSecurity") || f.startsWith("ssl-")),
                "no TLS feature: TLS ends at the route");
    }

    @Test
    void noKeystoreWithAPasswordIsWrittenAtBuildOrAtStart() {
        assertEquals("false", dockerfile.args().get("TLS"), "configure.sh writes a keystore.xml unless TLS=false");
        assertEquals("false", dockerfile.env().get("SAVE_KEYSTORE"), "docker-server.sh writes one at each start unless SAVE_KEYSTORE=false");
    }

    @Test
    void buildContextHoldsExactlyTheDockerfileAndWhatItCopies() {
        List<String> lines = Project.read(".dockerignore").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertEquals("*", lines.get(0), "everything is left out, then what the image needs is let in");
        List<String> letIn = lines.stream().skip(1).map(line -> {
            assertTrue(line.startsWith("!"), "after '*' only exceptions: " + line);
            return line.substring(1);
        }).toList();
        List<String> needed = new ArrayList<>(List.of("Dockerfile"));
        dockerfile.copies().forEach(copy -> needed.addAll(copy.sources()));
        assertEquals(Set.copyOf(needed), Set.copyOf(letIn));
        if (letIn.size() != Set.copyOf(letIn).size()) {
            fail("an exception twice in .dockerignore: " + letIn);
        }
    }
}
