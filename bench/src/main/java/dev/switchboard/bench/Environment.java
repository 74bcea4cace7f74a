package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the figures were measured on: machine, runtimes, server versions. */
final class Environment {

    private Environment() {
    }

    static Map<String, String> describe(Options options) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " visible to the generator");
        facts.put("cores", String.valueOf(onlineCores()));
        facts.put("pinning", options.serverCpus() == null ? "none"
                : "servers on CPU " + options.serverCpus() + ", generator on the rest (taskset)");
        facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        facts.put("node", command("node", "--version"));
        facts.put("open-liberty", libertyVersion(options.wlp()));
        if (options.targets().contains(Target.SWITCHBOARD_PAYARA)) {
            facts.put("payara-micro", payaraVersion(options.payaraJar()));
        }
        for (String module : new String[] {"peer", "socket.io", "ws"}) {
            facts.put("npm " + module, npmVersion(options.benchDir().resolve("peers/node_modules/" + module + "/package.json")));
        }
        return facts;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }

    private static long onlineCores() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String libertyVersion(Path wlp) {
        try {
            String properties = Files.readString(wlp.resolve("lib/versions/openliberty.properties"));
            Matcher version = Pattern.compile("com.ibm.websphere.productVersion=(\\S+)").matcher(properties);
            return version.find() ? version.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static final String PAYARA_BOOT_POM_PROPERTIES =
            "META-INF/maven/fish.payara.server.internal.extras/payara-micro-boot/pom.properties";

    /** The version Payara's build recorded in the jar (its boot module's Maven properties). */
    private static String payaraVersion(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(PAYARA_BOOT_POM_PROPERTIES);
            if (entry == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(file.getInputStream(entry));
            return properties.getProperty("version", "unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String npmVersion(Path packageJson) {
        try {
            Matcher version = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(packageJson));
            return version.find() ? version.group(1) : "unknown";
        } catch (IOException e) {
            return "not installed";
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
