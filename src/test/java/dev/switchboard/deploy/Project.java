package dev.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The project's files as the build sees them: Maven runs the tests in the project's root directory. */
final class Project {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    private Project() {
    }

    /** {@code relative} below the project's root; fails if the root is not the project's. */
    static Path file(String relative) {
        if (!Files.isRegularFile(ROOT.resolve("pom.xml"))) {
            throw new IllegalStateException("not run from the project's root directory: " + ROOT);
        }
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value of pom.xml by its path below {@code <project>}, e.g. {@code properties/openliberty.version}. */
    static String pom(String path) {
        Node node = xml(file("pom.xml")).getDocumentElement();
        for (String name : path.split("/")) {
            node = child((Element) node, name);
        }
        return node.getTextContent().trim();
    }

    /** The packaged application, as Maven names it: {@code target/<finalName>.<packaging>}. */
    static String packagedArchive() {
        return "target/" + pom("build/finalName") + "." + pom("packaging");
    }

    static Document xml(Path path) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(path.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot parse " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new IllegalStateException("no <" + name + "> in <" + parent.getTagName() + ">");
    }
}
