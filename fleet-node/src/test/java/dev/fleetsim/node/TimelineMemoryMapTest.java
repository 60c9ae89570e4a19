package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code timeline --memory-map}: a real guest's efi=debug log reaches the model and changes what it boots. */
class TimelineMemoryMapTest {

    private static final Path LOG = Path.of("..", "config", "memory-maps", "tdx-4g-efi-debug.log");

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome timeline(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FleetsimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Outcome(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void aRealGuestsMapBootsInsteadOfTheModelsLayout() {
        Outcome modelled = timeline("timeline", "--policy", "eager,lazy");
        Outcome real = timeline("timeline", "--policy", "eager,lazy", "--memory-map", LOG.toString());
        assertEquals(0, real.status(), real.err());
        assertEquals(3, real.out().lines().count(), real.out());
        assertNotEquals(modelled.out(), real.out(), "the log's map, not the 4G default layout");
    }

    @Test
    void aMissingOrBadMapIsOneLine() {
        Outcome missing = timeline("timeline", "--memory-map", "nowhere.log");
        assertEquals(2, missing.status());
        assertEquals("fleetsim timeline: no such file: nowhere.log", missing.err().strip());
    }

    @Test
    void aMapSavedAsUtf16OrAFolderIsBadInputNotAnIoFailure(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path utf16 = dir.resolve("utf16.log");
        java.nio.file.Files.write(utf16, java.nio.file.Files.readString(LOG).getBytes(
                java.nio.charset.StandardCharsets.UTF_16));
        Outcome encoded = timeline("timeline", "--memory-map", utf16.toString());
        assertEquals(2, encoded.status(), encoded.err());
        assertEquals("fleetsim timeline: --memory-map " + utf16 + ": cannot read it: not UTF-8 text (Input length = "
                + "1); save it as UTF-8, not UTF-16 or Latin-1", encoded.err().strip());
        Outcome folder = timeline("timeline", "--memory-map", dir.toString());
        assertEquals(2, folder.status(), folder.err());
        assertEquals(1, folder.err().strip().lines().count(), folder.err());
    }

    @Test
    void aGuestThatCannotBootIsOneLine() {
        Outcome panic = timeline("timeline", "--memory", "128M", "--vcpus", "1024", "--policy", "lazy");
        assertEquals(2, panic.status(), panic.err());
        assertEquals("fleetsim timeline: --memory 128M with --vcpus 1024: cannot boot: memblock: no 64M of free RAM "
                + "for an early allocation", panic.err().strip());
    }
}
