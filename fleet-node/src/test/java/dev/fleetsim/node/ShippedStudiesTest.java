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
    void seedHeadlineReproducesThePatchSeriesRatios() {
        List<ScenarioSummary> s = StudyLoader.load(CONFIG.resolve("seed-headline.conf")).scenarios().stream()
                .map(ShippedStudiesTest::run).toList();
        assertEquals(2.5, s.get(1).speedupVersus(s.get(0)), 0.25, "4 GiB");
        assertEquals(4.0, s.get(3).speedupVersus(s.get(2)), 0.40, "64 GiB");
    }
}
