package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fleetsim sweep}: runs the matrix, in parallel or not with the same files, and resumes what it left. */
class SweepCommandTest {

    static final String SMALL_SWEEP = """
            name = small-sweep
            vms = 40
            duration = 30m
            hosts { count = 8 }
            matrix {
              axes = [ { key = hosts.memory, values = [256G, 1T] } ]
              replications = 2
            }
            scenarios = [
              { name = eager, policy = eager-firmware }
              { name = lazy, policy = lazy }
            ]
            """;

    @TempDir
    Path dir;

    record Outcome(int status, String out, String err) {
    }

    static Outcome fleetsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FleetsimCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Outcome(cli.execute(args), out.toString(), err.toString());
    }

    private Path study() throws IOException {
        Path file = dir.resolve("small-sweep.conf");
        Files.writeString(file, SMALL_SWEEP);
        return file;
    }

    @Test
    void parallelSweepWritesWhatOneRunAtATimeWrites() throws IOException {
        Path study = study();
        Outcome parallel = fleetsim("sweep", study.toString(), "--parallel", "3", "--out", dir.resolve("p").toString());
        Outcome serial = fleetsim("sweep", study.toString(), "--parallel", "1", "--out", dir.resolve("s").toString());
        assertEquals(0, parallel.status(), parallel.err());
        assertEquals(0, serial.status(), serial.err());
        for (String file : List.of("summary.json", "summary.csv", "cells.csv", "vms.csv", "hosts.csv")) {
            assertEquals(Studies.read(dir.resolve("s").resolve(file)), Studies.read(dir.resolve("p").resolve(file)),
                    file);
        }
        assertEquals(1 + 8, Studies.read(dir.resolve("p/summary.csv")).lines().count(), "a row per run");
        assertEquals(1 + 4, Studies.read(dir.resolve("p/cells.csv")).lines().count(), "a row per cell");
        assertTrue(parallel.out().contains("lazy[hosts.memory=1T]#2"), parallel.out());
    }

    @Test
    void anInterruptedSweepRerunsOnlyWhatIsMissing() throws IOException {
        Path study = study();
        Path out = dir.resolve("out");
        assertEquals(0, fleetsim("sweep", study.toString(), "--out", out.toString()).status());
        String complete = Studies.read(out.resolve("summary.json"));
        // an interruption: two runs never finished, a third was being written, the combined files never came
        deleteTree(out.resolve("runs/0005"));
        deleteTree(out.resolve("runs/0006"));
        Files.move(out.resolve("runs/0007"), out.resolve("runs/0007.partial"));
        Files.delete(out.resolve("summary.json"));
        FileTime kept = Files.getLastModifiedTime(out.resolve("runs/0000/run.json"));

        Outcome resumed = fleetsim("sweep", study.toString(), "--out", out.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.err().contains("5 of 8 runs already finished, running the other 3"), resumed.err());
        assertEquals(kept, Files.getLastModifiedTime(out.resolve("runs/0000/run.json")), "finished run not rerun");
        assertEquals(complete, Studies.read(out.resolve("summary.json")));
        assertTrue(Files.notExists(out.resolve("runs/0007.partial")));
    }

    @Test
    void aFolderOfAnotherStudyIsNotOverwritten() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, fleetsim("sweep", study().toString(), "--out", out.toString()).status());
        Outcome other = fleetsim("sweep", study().toString(), "--vms", "20", "--out", out.toString());
        assertEquals(FleetsimCommand.BAD_INPUT, other.status());
        assertTrue(other.err().startsWith("fleetsim sweep: " + out + " holds results of another study: run 0 "
                + "there is 'eager[hosts.memory=256G]#1' (seed 1, 40 VMs)"), other.err());
    }

    @Test
    void commandLineOverridesAreInEveryRunsConfig() throws IOException {
        Path out = dir.resolve("o");
        assertEquals(0, fleetsim("sweep", study().toString(), "--vms", "20", "--seed", "7", "--out", out.toString())
                .status());
        JsonNode runs = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("scenarios");
        assertEquals(8, runs.size());
        for (JsonNode run : runs) {
            assertEquals(20, run.get("vms").asInt());
            assertEquals(20, run.get("config").get("vms").asInt(), "the config says what the run ran with");
            assertEquals(6 + run.get("replication").asInt(), run.get("seed").asLong(), "replication numbered from 1");
            assertEquals(7, run.get("config").get("seed").asLong(), "the base seed; replication r adds r");
        }
    }

    @Test
    void anActorSweepHandsWholeRunsToSlotsAndWritesWhatASequentialSweepWrites() throws IOException {
        Path study = study();
        Outcome sequential = fleetsim("sweep", study.toString(), "--out", dir.resolve("s").toString());
        Outcome actors = fleetsim("sweep", study.toString(), "--engine", "actors", "--parallel", "2", "--out",
                dir.resolve("a").toString());
        assertEquals(0, sequential.status(), sequential.err());
        assertEquals(0, actors.status(), actors.err());
        List<JsonNode> runs = Studies.assertSameResults(dir.resolve("s"), dir.resolve("a"));
        assertEquals(8, runs.size());
        for (JsonNode run : runs) {
            assertEquals("local", run.get("node").asText(), "a slot of the embedded node is this process");
            assertTrue(run.get("wall_s").asDouble() > 0, run.toString());
        }
        assertTrue(actors.err().contains("runs: 8 of 8 done"), actors.err());
    }

    @Test
    void aRunAboveTheSplitSizeIsSpreadOverTheRacksWithTheSameFiles() throws IOException {
        Path study = study();
        Outcome whole = fleetsim("sweep", study.toString(), "--engine", "actors", "--out",
                dir.resolve("w").toString());
        Outcome split = fleetsim("sweep", study.toString(), "--engine", "actors", "--split-above-vms", "39",
                "--out", dir.resolve("r").toString());
        assertEquals(0, whole.status(), whole.err());
        assertEquals(0, split.status(), split.err());
        Studies.assertSameResults(dir.resolve("w"), dir.resolve("r"));
        assertTrue(split.err().contains("eager[hosts.memory=256G]#1: 100% of VMs arrived (40 of 40)"), split.err());
        assertTrue(!whole.err().contains("% of VMs arrived"), "whole runs report runs, not windows");
    }

    @Test
    void parallelIsRefusedForACluster() throws IOException {
        Outcome o = fleetsim("sweep", study().toString(), "--cluster", "127.0.0.1:1", "--parallel", "2");
        assertEquals(FleetsimCommand.BAD_INPUT, o.status());
        assertEquals("fleetsim sweep: --parallel must be >= 1, and is not for --cluster (the nodes' --slots "
                + "decide), was 2", o.err().strip());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
