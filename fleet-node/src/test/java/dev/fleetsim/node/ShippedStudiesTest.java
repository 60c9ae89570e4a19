package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.results.ScenarioSummary;
import dev.fleetsim.node.study.StudyConfig;
import dev.fleetsim.node.study.StudyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The studies in config/ say what they claim. */
class ShippedStudiesTest {

    private static final Path CONFIG = Path.of("..", "config");

    private static ScenarioSummary run(StudyConfig scenario) {
        ScenarioResult result = new SequentialEngine().run(scenario, (t, n) -> { });
        return ScenarioSummary.of(result);
    }

    @Test
    void defaultStudyLazyCommitsLessAndBootsFaster() {
        StudyLoader.Study study = StudyLoader.load(CONFIG.resolve("default.conf"));
        assertEquals(StudyLoader.defaults().scenarios().get(0).vms(), study.scenarios().get(0).vms(),
                "default.conf restates the built-in default");
        List<ScenarioSummary> s = study.scenarios().stream().map(c -> run(c.withVms(1000))).toList();
        ScenarioSummary eager = s.get(0);
        ScenarioSummary lazy = s.get(1);
        assertEquals("eager-firmware", eager.policy());
        assertTrue(lazy.fleetMeanCommittedBytes() < 0.8 * eager.fleetMeanCommittedBytes(),
                lazy.fleetMeanCommittedBytes() + " vs " + eager.fleetMeanCommittedBytes());
        assertTrue(lazy.bootToShell().mean() < eager.bootToShell().mean() / 2);
        // eager commits all a VM has, but only as the firmware gets through it during boot
        assertEquals(eager.fleetMeanConfiguredBytes(), eager.fleetMeanCommittedBytes(),
                0.01 * eager.fleetMeanConfiguredBytes());
    }

    @Test
    void everyShippedStudyLoads() throws Exception {
        try (var files = java.nio.file.Files.list(CONFIG)) {
            List<Path> studies = files.filter(p -> p.toString().endsWith(".conf")).toList();
            assertTrue(studies.size() >= 4, studies.toString());
            for (Path study : studies) {
                assertTrue(!StudyLoader.load(study).scenarios().isEmpty(), study.toString());
            }
        }
    }

    @Test
    void memoryHogDrainsFasterWithMoreWorkersOnMoreVcpus() {
        List<ScenarioSummary> s = StudyLoader.load(CONFIG.resolve("memory-hog.conf")).scenarios().stream()
                .map(ShippedStudiesTest::run).toList();
        assertEquals(12, s.size());
        for (ScenarioSummary summary : s) {
            assertEquals(1, summary.timeToDrain().count(), summary.scenario() + " drained");
        }
        double oneWorker = s.get(4).timeToDrain().mean();
        double sixteenWorkers = s.get(5).timeToDrain().mean();
        assertEquals("m16g-v64-w1", s.get(4).scenario());
        assertTrue(sixteenWorkers < oneWorker / 2, sixteenWorkers + " vs " + oneWorker);
    }

    @Test
    void largeGuestStormAcceptsMoreEarlyWithMoreVcpusUnlessFixed() {
        List<ScenarioSummary> s = StudyLoader.load(CONFIG.resolve("large-guest-storm.conf")).scenarios().stream()
                .map(ShippedStudiesTest::run).toList();
        double stormGrowth = s.get(8).acceptedEarlyKernelMeanBytes() - s.get(0).acceptedEarlyKernelMeanBytes();
        double fixedGrowth = s.get(9).acceptedEarlyKernelMeanBytes() - s.get(1).acceptedEarlyKernelMeanBytes();
        assertEquals("v256-fix-off", s.get(8).scenario());
        assertTrue(stormGrowth > 10 * fixedGrowth, stormGrowth + " vs " + fixedGrowth);
    }

    @Test
    void seedHeadlineReproducesThePatchSeriesRatios() {
        List<ScenarioSummary> s = StudyLoader.load(CONFIG.resolve("seed-headline.conf")).scenarios().stream()
                .map(ShippedStudiesTest::run).toList();
        assertEquals(2.5, s.get(1).speedupVersus(s.get(0)), 0.25, "4 GiB");
        assertEquals(4.0, s.get(3).speedupVersus(s.get(2)), 0.40, "64 GiB");
    }
}
