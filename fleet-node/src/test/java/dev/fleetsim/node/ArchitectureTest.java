package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pure model, thin actors: the model modules (guest-model, host-model) cannot import Pekko, their POMs do not
 * have it; this checks that too, and what a POM cannot: that they read no clock and draw no unseeded random.
 */
class ArchitectureTest {

    private static List<Path> modelSources() throws IOException {
        try (Stream<Path> files = Stream.concat(
                Files.walk(Path.of("..", "guest-actor", "model", "src", "main", "java")),
                Files.walk(Path.of("..", "hypervisor-actor", "model", "src", "main", "java")))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void modelImportsNoActorsAndReadsNoClock() throws IOException {
        List<Path> sources = modelSources();
        assertTrue(sources.size() > 30, "found " + sources.size() + " model sources");
        List<String> offenders = sources.stream().filter(p -> {
            String text = read(p);
            return text.contains("org.apache.pekko") || text.contains("System.currentTimeMillis")
                    || text.contains("System.nanoTime") || text.contains("new Random(");
        }).map(Path::toString).toList();
        assertEquals(List.of(), offenders);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
