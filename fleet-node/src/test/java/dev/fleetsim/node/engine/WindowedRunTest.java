package dev.fleetsim.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.metrics.SimulationMetrics;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window loop both engines share, driven here as the actor engine drives it: four hosts in two parts (racks)
 * that report apart. Three VMs arrive from a trace at 0 s, 5 s and 1500 s, in minute windows sampled every ten.
 */
class WindowedRunTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private RunConfig study;
    private final List<HostSimulation> hosts = new ArrayList<>();

    @BeforeEach
    void loadStudy() throws Exception {
        Files.writeString(dir.resolve("arrivals.csv"), """
                arrival_s,memory,vcpus,lifetime_s
                0,4G,1,600
                5,4G,1,600
                1500,8G,2,60
                """);
        Path file = dir.resolve("windows.conf");
        Files.writeString(file, """
                name = windows
                duration = 1h
                window = 1m
                sample-every = 10
                hosts { count = 4, memory = 256G }
                arrival { process = trace, file = arrivals.csv }
                scenarios = [{ name = lazy, policy = lazy }]
                """);
        study = StudyLoader.load(file).runs().get(0);
        for (int h = 0; h < study.hosts().count(); h++) {
            hosts.add(Scenarios.hostSetup(study).simulation(h));
        }
    }

    private WindowedRun run(int parts) {
        return new WindowedRun(study, parts, new SimulationMetrics(new PrometheusRegistry()));
    }

    @Test
    void quietWindowsRunOnTogetherUpToASample() {
        try (WindowedRun run = run(2)) {
            List<Long> runTo = new ArrayList<>();
            List<Integer> placed = new ArrayList<>();
            while (run.hasNextWindow()) {
                WindowedRun.Window window = run.nextWindow();
                runTo.add(window.runToNanos() / SECOND);
                placed.add(window.placements().size());
                advance(window, 0, 2, run);
                advance(window, 2, 4, run);
            }
            assertEquals(List.of(600L, 1200L, 1500L, 1800L, 2400L, 3000L, 3600L), runTo,
                    "the first window places two VMs and runs to the first sample; the window before 1500 s stops "
                            + "a run so that the third VM is placed on hosts as they stood at its arrival");
            assertEquals(List.of(2, 0, 0, 1, 0, 0, 0), placed);
        }
    }

    @Test
    void aWindowEndsOnlyWhenEveryPartHasReported() {
        try (WindowedRun run = run(2)) {
            WindowedRun.Window first = run.nextWindow();
            assertTrue(advance(first, 0, 2, run).isEmpty(), "one rack of two has reported");
            List<WindowedRun.Report> reports = advance(first, 2, 4, run).orElseThrow();
            assertEquals(1, reports.size());
            WindowedRun.Report report = reports.get(0);
            assertEquals(600 * SECOND, report.reachedNanos());
            assertEquals(List.of(0L, 1L), report.planned().stream().map(VmPlan::vmId).toList());
            assertEquals(4, report.samples().size(), "the window is sampled: every host's snapshot");
            assertEquals(600 * SECOND, report.samples().get(3).timeNanos(), "the second rack's hosts ran too");
        }
    }

    @Test
    void aVmEndsOnceHoweverOftenAPartRepeatsIt() {
        try (WindowedRun run = run(1)) {
            List<HostSimulation.Outcome> repeated = new ArrayList<>();
            long ended = 0;
            while (run.hasNextWindow()) {
                WindowedRun.Window window = run.nextWindow();
                admit(window, 0, 4);
                List<HostSimulation.Outcome> outcomes = advance(0, 4, window.runToNanos());
                repeated.addAll(outcomes);
                for (WindowedRun.Report report : run.partAdvanced(snapshots(0, 4), new ArrayList<>(repeated))
                        .orElseThrow()) {
                    ended += report.outcomes().size();
                    assertEquals(repeated.size(), report.vmsEnded(), "a replayed outcome is not counted again");
                }
            }
            assertEquals(3, repeated.size(), "all three VMs end within the hour");
            assertEquals(3, ended, "each outcome is reported once although every window repeated the earlier ones");
            run.finish();
            assertTrue(run.partAdvanced(snapshots(0, 4), repeated).isEmpty(), "a stale window report is ignored");
            WindowedRun.Ending ending = run.partFinished(summaries(0, 4), repeated).orElseThrow();
            assertEquals(4, ending.hosts());
            assertEquals(0, ending.reports().stream().mapToInt(r -> r.outcomes().size()).sum());
            assertEquals(3, ending.reports().get(0).vmsEnded());
        }
    }

    @Test
    void theRunEndsOnlyWhenEveryPlacedVmHasEnded() {
        try (WindowedRun run = run(1)) {
            advance(run.nextWindow(), 0, 4, run).orElseThrow();
            run.finish();
            List<HostSimulation.Outcome> lost = advance(0, 4, Long.MAX_VALUE);
            assertEquals(2, lost.size());
            assertTrue(run.partFinished(summaries(0, 4), List.of()).isEmpty(),
                    "every part finished, but the outcomes of the two VMs placed have not arrived");
            WindowedRun.Ending ending = run.partFinished(List.of(), lost).orElseThrow();
            assertEquals(2, ending.reports().get(0).vmsEnded());
            assertEquals(4, ending.hosts());
        }
    }

    @Test
    void reportsCarryAChunkOfEachListAndAtLeastOne() {
        List<VmPlan> plans = Collections.nCopies(2 * WindowedRun.CHUNK + 1, new VmPlan(0, "4G", 4L << 30, 1, 0, 1, 0));
        List<WindowedRun.Report> reports = WindowedRun.reports(7, 3, plans, List.of(), List.of());
        assertEquals(List.of(WindowedRun.CHUNK, WindowedRun.CHUNK, 1),
                reports.stream().map(r -> r.planned().size()).toList());
        assertTrue(reports.stream().allMatch(r -> r.reachedNanos() == 7 && r.vmsEnded() == 3));
        assertEquals(1, WindowedRun.reports(7, 3, List.of(), List.of(), List.of()).size(),
                "an empty window still says how far the run reached");
        assertEquals(List.of(), WindowedRun.chunks(List.of()));
        assertEquals(List.of(WindowedRun.CHUNK, 1), WindowedRun.chunks(IntStream.range(0, WindowedRun.CHUNK + 1)
                .boxed().toList()).stream().map(List::size).toList());
    }

    /** Hosts {@code from} to {@code to} (one part) admit their placements, run the window and report. */
    private Optional<List<WindowedRun.Report>> advance(WindowedRun.Window window, int from, int to, WindowedRun run) {
        admit(window, from, to);
        List<HostSimulation.Outcome> outcomes = advance(from, to, window.runToNanos());
        return run.partAdvanced(snapshots(from, to), outcomes);
    }

    private void admit(WindowedRun.Window window, int from, int to) {
        for (WindowedRun.Placement p : window.placements()) {
            if (p.hostId() >= from && p.hostId() < to) {
                hosts.get(p.hostId()).admit(p.guest().admission());
            }
        }
    }

    private List<HostSimulation.Outcome> advance(int from, int to, long toNanos) {
        List<HostSimulation.Outcome> outcomes = new ArrayList<>();
        hosts.subList(from, to).forEach(host -> outcomes.addAll(host.advanceTo(toNanos)));
        return outcomes;
    }

    private List<HostSimulation.Snapshot> snapshots(int from, int to) {
        return hosts.subList(from, to).stream().map(HostSimulation::snapshot).toList();
    }

    private List<HostSimulation.Summary> summaries(int from, int to) {
        return hosts.subList(from, to).stream().map(host -> host.summary(study.durationNanos())).toList();
    }
}
