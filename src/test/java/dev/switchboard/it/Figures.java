package dev.switchboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Figures the reliability tests measured, written as Markdown table rows to {@code target/reliability/}
 * (one file per figure), so docs/reliability.md quotes a run instead of numbers typed by hand:
 * {@code cat target/reliability/*.md}.
 */
final class Figures {

    private static final Path DIR = Path.of(System.getProperty("switchboard.it.reliability", "target/reliability"));

    private Figures() {
    }

    static void record(String test, String figure, Object value) {
        String file = (test + "-" + figure).toLowerCase().replaceAll("[^a-z0-9]+", "-") + ".md";
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(file), "| " + figure + " | " + value + " | " + test + " |\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
