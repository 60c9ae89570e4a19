package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.node.engine.FinishedRun;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Piped progress: lines per tenth of each run's arrivals that end at the run's own counts, and a line per run. */
class ProgressReportTest {

    private static final Pattern LINE = Pattern.compile(
            "(\\S+): (\\d+)% of VMs arrived \\((\\d+) of (\\d+)\\), (\\d+) of (\\d+) s virtual, (\\d+) VMs ended");

    @Test
    void linesRiseByTenthsToTheRunsOwnCountsAndEachRunEndsWithALine() {
        List<RunConfig> runs = StudyLoader.defaults(new StudyLoader.Overrides(null, 300)).runs();
        StringWriter text = new StringWriter();
        try (ProgressReport progress = ProgressReport.start(new PrintWriter(text), "default", runs, false)) {
            for (RunConfig run : runs) {
                FleetEngine.Progress engineProgress = progress.of(run);
                ScenarioResult result = new SequentialEngine().run(run, engineProgress);
                progress.finished(new FinishedRun(result, FinishedRun.LOCAL, 1_000_000));
            }
        }
        String out = text.toString();
        for (RunConfig run : runs) {
            int last = 0;
            long lastArrived = 0;
            Matcher m = LINE.matcher(out);
            while (m.find()) {
                if (m.group(1).equals(run.scenario())) {
                    int percent = Integer.parseInt(m.group(2));
                    assertTrue(percent > last, out);
                    assertEquals(300, Long.parseLong(m.group(4)));
                    assertTrue(Long.parseLong(m.group(3)) * 100 >= percent * 300L, "the share is of VMs arrived");
                    last = percent;
                    lastArrived = Long.parseLong(m.group(3));
                }
            }
            assertEquals(100, last, out);
            assertEquals(300, lastArrived, out);
        }
        assertTrue(out.contains("runs: 1 of 2 done (eager on local, 0.0 s, 300 VMs ended)"), out);
        assertTrue(out.contains("runs: 2 of 2 done (lazy on local"), out);
    }
}
