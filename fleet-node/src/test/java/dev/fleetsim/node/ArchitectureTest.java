package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Pure model, thin actors: the model packages import no Pekko and read no clock. */
class ArchitectureTest {

    private static List<Path> modelSources() throws IOException {
        try (Stream<Path> files = Stream.concat(
                Files.walk(Path.of("..", "guest-actor", "src", "main", "java")),
                Files.walk(Path.of("..", "hypervisor-actor", "src", "main", "java")))) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/actor/"))
                    .toList();
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
