package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.node.actor.ActorEngine;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.study.StudyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The actor engine and the sequential engine write the same files, to the last digit. */
class EnginesAgreeTest {

    private static final String SMALL = """
            vms = 300
            duration = 2h
            hosts { count = 12, memory = 256G }
            arrival { process = poisson, per-hour = 400 }
            """;

    private static ActorEngine actors;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        actors = ActorEngine.embedded();
    }

    @AfterAll
    static void stopCluster() {
        actors.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "name = mixed\n",
        "name = storm\narrival.process = storm\nhosts { overcommit = 1.5, on-overcommit = count-pressure }\n"
            + "placement { policy = best-fit, basis = committed }\n"
            + "scenarios = [{ name = bg, policy = \"background:256M/s\" }, { name = eager, policy = eager }]\n",
        "name = snp\nplatform = sev-snp\nworkload { ramp = exponential, touched-fraction = 0.8 }\n"
            + "scenarios = [{ name = partial, policy = \"partial:1G\" }, { name = plain, platform = plain }]\n",
        "name = mapping\nhost-mapping = 2M\nguest.unit-size = 4M\nlifetime { distribution = fixed, fixed = 20m }\n",
    })
    void enginesWriteIdenticalResults(String variant) {
        StudyLoader.Study study = Studies.load(dir, "study", SMALL + variant);
        Path sequential = Studies.runTo(new SequentialEngine(), study, dir.resolve("sequential"));
        Path actor = Studies.runTo(actors, study, dir.resolve("actors"));
        for (String file : List.of("summary.json", "vms.csv", "hosts.csv")) {
            assertEquals(Studies.read(sequential.resolve(file)), Studies.read(actor.resolve(file)), file);
        }
        assertTrue(Studies.read(sequential.resolve("vms.csv")).lines().count() > 300, "every VM has a row");
    }

    @Test
    void sameSeedGivesSameFilesAndAnotherSeedOthers() {
        StudyLoader.Study study = Studies.load(dir, "study", SMALL + "name = seeds\n");
        StudyLoader.Study reseeded = Studies.load(dir, "reseeded", SMALL + "name = seeds\nseed = 2\n");
        Path first = Studies.runTo(new SequentialEngine(), study, dir.resolve("first"));
        Path second = Studies.runTo(new SequentialEngine(), study, dir.resolve("second"));
        Path other = Studies.runTo(new SequentialEngine(), reseeded, dir.resolve("other"));
        assertEquals(Studies.read(first.resolve("vms.csv")), Studies.read(second.resolve("vms.csv")));
        assertEquals(Studies.read(first.resolve("summary.json")), Studies.read(second.resolve("summary.json")));
        assertNotEquals(Studies.read(first.resolve("vms.csv")), Studies.read(other.resolve("vms.csv")));
    }

    @Test
    void enginesWriteIdenticalResultsForAPublishedTraceOutOfOrder() throws Exception {
        new dev.fleetsim.node.trace.SyntheticTrace(400, 1, 4).writeVmTable(dir.resolve("sorted.csv"));
        List<String> rows = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(dir.resolve("sorted.csv")));
        java.util.Collections.reverse(rows);
        java.nio.file.Files.write(dir.resolve("vmtable.csv"), rows);
        StudyLoader.Study study = Studies.load(dir, "study", SMALL + "name = trace\nduration = 12h\nvms = 1000\n"
                + "arrival { process = trace, format = azure-vmtable, file = vmtable.csv }\n");
        Path sequential = Studies.runTo(new SequentialEngine(), study, dir.resolve("sequential"));
        Path actor = Studies.runTo(actors, study, dir.resolve("actors"));
        for (String file : List.of("summary.json", "vms.csv", "hosts.csv")) {
            assertEquals(Studies.read(sequential.resolve(file)), Studies.read(actor.resolve(file)), file);
        }
        assertTrue(Studies.read(sequential.resolve("vms.csv")).lines().count() > 2 * 150, "half the trace's VMs");
    }

    /** A trace that no longer reads as it did when its study was checked ends the run with why, on both engines. */
    @Test
    void aTraceSpoiledAfterLoadingFailsTheRunWithItsLineInsteadOfHanging() throws Exception {
        new dev.fleetsim.node.trace.SyntheticTrace(200, 1, 4).writeVmTable(dir.resolve("vmtable.csv"));
        StudyLoader.Study study = Studies.load(dir, "study", SMALL + "name = trace\nduration = 12h\n"
                + "arrival { process = trace, format = azure-vmtable, file = vmtable.csv }\n");
        List<String> rows = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(dir.resolve("vmtable.csv")));
        rows.set(9, "spoiled,row");
        java.nio.file.Files.write(dir.resolve("vmtable.csv"), rows);
        String expected = dir.resolve("vmtable.csv") + ":10: arrival.file: bad vmtable row";
        for (dev.fleetsim.node.engine.FleetEngine engine : List.of(new SequentialEngine(), actors)) {
            dev.fleetsim.host.BadInputException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(60), () -> org.junit.jupiter.api.Assertions.assertThrows(
                            dev.fleetsim.host.BadInputException.class,
                            () -> engine.run(study.runs().get(0), dev.fleetsim.node.engine.FleetEngine.Progress.NONE)));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }
}
