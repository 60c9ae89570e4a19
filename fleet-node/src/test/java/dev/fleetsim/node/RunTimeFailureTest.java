package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A failure that shows only while a run runs (a trace VM the guest kernel cannot boot, which no class check can
 * see at load) reaches the command line on both engines, the actor engine's coming from a rack's boot child
 * through the coordinator, a sweep's from a node's slot: one line naming the run and why, exit 2, the other run
 * stored and combined.
 */
class RunTimeFailureTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"run, actors", "run, sequential", "sweep, actors"})
    void aVmThatCannotBootEndsTheStudyWithItsReasonAndKeepsFinishedRuns(String command, String engine)
            throws Exception {
        Files.writeString(dir.resolve("small.csv"), "arrival_s,memory,vcpus,lifetime_s\n0,4G,1,60\n"
                + "30,128M,1024,60\n");
        Path study = dir.resolve("failing.conf");
        Files.writeString(study, """
                name = failing
                vms = 20
                duration = 10m
                hosts { count = 2, memory = 256G }
                scenarios = [
                  { name = good }
                  { name = tiny, arrival { process = trace, file = small.csv } }
                ]
                """);
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        CommandLine cli = FleetsimCommand.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int status = assertTimeoutPreemptively(Duration.ofSeconds(90),
                () -> cli.execute(command, study.toString(), "--engine", engine, "--out", out.toString()));
        String lines = err.toString().lines().filter(l -> l.startsWith("fleetsim ")).reduce("", String::concat);
        assertEquals(2, status, err.toString());
        assertEquals("fleetsim " + command + ": run 0001 ('tiny'): VM 1 (128M, 1024 vCPUs) cannot boot: memblock: no 64M of "
                + "free RAM for an early allocation", lines);
        assertFalse(err.toString().contains("Exception"), err.toString());
        assertTrue(Files.isRegularFile(out.resolve("runs/0000/run.json")), "the finished run is stored");
        assertFalse(Files.exists(out.resolve("runs/0001/run.json")), "the failed one is not");
        assertEquals(21, Files.readAllLines(out.resolve("vms.csv")).size(), "the finished run's 20 VMs, combined");
    }
}
