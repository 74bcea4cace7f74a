package dev.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** One Kubernetes object of a YAML file under deploy/openshift, read as plain maps and lists. */
record Manifest(String file, Map<String, Object> object) {

    static final String DIRECTORY = "deploy/openshift";

    /** Every object of every .yaml file under deploy/openshift, in file order. */
    static List<Manifest> all() {
        List<Manifest> manifests = new ArrayList<>();
        Path root = Project.file(DIRECTORY);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".yaml")).sorted()::iterator) {
                String name = root.relativize(file).toString();
                for (Object object : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
                    if (object != null) {
                        manifests.add(new Manifest(name, Tree.map(object)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (manifests.isEmpty()) {
            throw new AssertionError("no manifests under " + DIRECTORY);
        }
        return manifests;
    }

    String kind() {
        return Tree.string(object, "kind");
    }

    String name() {
        return Tree.string(object, "metadata", "name");
    }

    /** The objects of {@code kind} in the same file as this one. */
    static List<Manifest> ofKind(List<Manifest> manifests, String file, String kind) {
        return manifests.stream().filter(m -> m.file().equals(file) && m.kind().equals(kind)).toList();
    }

    @Override
    public String toString() {
        return file + ": " + kind() + " " + name();
    }
}
