package dev.fleetsim.node.engine;

import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.fleet.FleetGenerator;
import dev.fleetsim.node.fleet.FleetPlanner;
import dev.fleetsim.node.metrics.SimulationMetrics;
import dev.fleetsim.node.study.StudyConfig;
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
    public ScenarioResult run(StudyConfig study, Progress progress) {
        metrics.runStarted(study);
        try (FleetPlanner planner = new FleetPlanner(study, FleetGenerator.source(study))) {
            return run(study, planner, progress);
        }
    }

    private ScenarioResult run(StudyConfig study, FleetPlanner planner, Progress progress) {
        ScenarioCollector collector = new ScenarioCollector(study);
        HostSetup setup = Scenarios.hostSetup(study);
        HostSimulation[] hosts = new HostSimulation[study.hosts().count()];
        List<HostSimulation.Snapshot> views = new ArrayList<>();
        for (int h = 0; h < hosts.length; h++) {
            hosts[h] = setup.simulation(h);
            views.add(hosts[h].snapshot());
        }
        for (int w = 0; w < study.windows(); w++) {
            long windowEnd = Scenarios.windowEnd(study, w);
            for (FleetPlanner.Placement p : planner.placeWindow(windowEnd, views)) {
                collector.planned(p.vm());
                metrics.placed(study, p.refused());
                if (!p.refused()) {
                    hosts[p.hostId()].admit(Scenarios.assignment(study, p.vm()).admission());
                }
            }
            views.clear();
            for (HostSimulation host : hosts) {
                for (HostSimulation.Outcome o : host.advanceTo(windowEnd)) {
                    collector.ended(o);
                    metrics.ended(study, planner.ended(o.vmId()), o);
                }
                views.add(host.snapshot());
            }
            metrics.windowDone(study, windowEnd, views);
            if (Scenarios.sampled(study, w)) {
                views.forEach(collector::sampled);
            }
            progress.window(windowEnd, collector.arrived(), collector.ended());
        }
        for (HostSimulation host : hosts) {
            for (HostSimulation.Outcome o : host.advanceTo(Long.MAX_VALUE)) {
                collector.ended(o);
                metrics.ended(study, planner.ended(o.vmId()), o);
            }
            collector.summarised(host.summary(study.durationNanos()));
        }
        return collector.result();
    }
}
