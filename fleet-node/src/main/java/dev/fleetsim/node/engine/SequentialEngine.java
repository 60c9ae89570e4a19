package dev.fleetsim.node.engine;

import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.metrics.SimulationMetrics;
import dev.fleetsim.node.study.RunConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference engine: one thread, the hosts in an array, the same windows, planner and host simulations the
 * actor engine uses. Within a host, events run in (virtual time, VM id) order; hosts only meet through placement,
 * which happens at window starts, so running hosts one after another inside a window changes nothing.
 */
public final class SequentialEngine implements FleetEngine {

    private final SimulationMetrics metrics;

    public SequentialEngine() {
        this(SimulationMetrics.get());
    }

    public SequentialEngine(SimulationMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public ScenarioResult run(RunConfig study, Progress progress) {
        try (WindowedRun run = new WindowedRun(study, 1, metrics)) {
            return run(run, progress);
        }
    }

    /** All hosts are one part of the run: each window they run one after another, then report. */
    private static ScenarioResult run(WindowedRun run, Progress progress) {
        RunConfig study = run.study();
        ScenarioCollector collector = new ScenarioCollector(study);
        HostSetup setup = Scenarios.hostSetup(study);
        HostSimulation[] hosts = new HostSimulation[study.hosts().count()];
        for (int h = 0; h < hosts.length; h++) {
            hosts[h] = setup.simulation(h);
        }
        while (run.hasNextWindow()) {
            WindowedRun.Window window = run.nextWindow();
            for (WindowedRun.Placement p : window.placements()) {
                hosts[p.hostId()].admit(p.guest().admission());
            }
            List<HostSimulation.Outcome> ended = new ArrayList<>();
            List<HostSimulation.Snapshot> snapshots = new ArrayList<>(hosts.length);
            for (HostSimulation host : hosts) {
                ended.addAll(host.advanceTo(window.runToNanos()));
                snapshots.add(host.snapshot());
            }
            run.partAdvanced(snapshots, ended).orElseThrow().forEach(collector::reported);
            progress.window(window.runToNanos(), collector.arrived(), collector.ended());
        }
        run.finish();
        List<HostSimulation.Outcome> ended = new ArrayList<>();
        List<HostSimulation.Summary> summaries = new ArrayList<>(hosts.length);
        for (HostSimulation host : hosts) {
            ended.addAll(host.advanceTo(Long.MAX_VALUE));
            summaries.add(host.summary(study.durationNanos()));
        }
        WindowedRun.Ending ending = run.partFinished(summaries, ended).orElseThrow();
        ending.reports().forEach(collector::reported);
        ending.summaries().forEach(chunk -> chunk.forEach(collector::summarised));
        return collector.result();
    }
}
