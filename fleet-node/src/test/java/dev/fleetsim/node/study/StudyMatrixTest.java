package dev.fleetsim.node.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetsim.host.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A study's matrix becomes one run per scenario, point and replication, in a fixed order with fixed names. */
class StudyMatrixTest {

    private static final String SWEEP = """
            name = sweep
            seed = 40
            matrix {
              axes = [
                { key = platform, values = [tdx, sev-snp] }
                { key = hosts.overcommit, values = [1.0, 1.5] }
              ]
              replications = 2
            }
            scenarios = [
              { name = eager, policy = eager-firmware }
              { name = lazy, policy = lazy, compare-to = eager }
            ]
            """;

    @Test
    void everyScenarioRunsAtEveryPointOncePerReplication() {
        List<RunConfig> runs = StudyLoader.loadString("sweep.conf", SWEEP).runs();
        assertEquals(2 * 2 * 2 * 2, runs.size());
        assertEquals(List.of("eager[platform=tdx,hosts.overcommit=1]#1", "eager[platform=tdx,hosts.overcommit=1]#2",
                "lazy[platform=tdx,hosts.overcommit=1]#1", "lazy[platform=tdx,hosts.overcommit=1]#2",
                "eager[platform=tdx,hosts.overcommit=1.5]#1"),
                runs.subList(0, 5).stream().map(RunConfig::scenario).toList());
        RunConfig last = runs.get(runs.size() - 1);
        assertEquals("lazy[platform=sev-snp,hosts.overcommit=1.5]#2", last.scenario());
        assertEquals(Platform.SEV_SNP, last.platform());
        assertEquals(1.5, last.hosts().capacity().overcommitRatio());
        assertEquals("lazy", last.point().scenario());
        assertEquals("eager", last.compareTo());
    }

    @Test
    void replicationsRunWithSuccessiveSeeds() {
        List<RunConfig> runs = StudyLoader.loadString("sweep.conf", SWEEP).runs();
        assertEquals(40, runs.get(0).seed());
        assertEquals(41, runs.get(1).seed());
        assertEquals(runs.get(0).point().cell(), runs.get(1).point().cell());
    }

    @Test
    void aStudyWithoutMatrixKeepsItsScenarioNames() {
        List<RunConfig> runs = StudyLoader.defaults().runs();
        assertEquals(List.of("eager", "lazy"), runs.stream().map(RunConfig::scenario).toList());
        assertEquals(List.of(), runs.get(1).point().axes());
        assertEquals(1, runs.get(1).seed());
    }
}
