package dev.fleetsim.node.engine;

import dev.fleetsim.guest.GuestAssignment;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.MemoryOverhead;
import dev.fleetsim.host.Sizes;
import dev.fleetsim.node.fleet.FleetGenerator;
import dev.fleetsim.node.fleet.FleetPlanner;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.metrics.SimulationMetrics;
import dev.fleetsim.node.study.RunConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * One scenario's way through its windows, the same for both engines. At each window's start it places the arrivals
 * on the hosts as they stood then; the hosts, in {@code parts} that run apart (racks of the actor engine, or all
 * hosts at once), run to the window's end and report; only when every part has reported does the next window
 * start, so no host runs ahead of placement. Windows in which nothing arrives run on together, up to a sample: no
 * placement waits on their hosts, and hosts run the same events either way.
 *
 * <p>What the windows produce (the VMs placement saw, their outcomes, the hosts' samples and at the end their
 * summaries) leaves in {@link Report}s of at most {@link #CHUNK} of each, the size a cluster message may carry.
 * Engines turn them into a {@link ScenarioResult} with a {@link ScenarioCollector}; a VM's outcome is reported once
 * however often a part repeats it.
 */
public final class WindowedRun implements AutoCloseable {

    public static final int CHUNK = 500;

    /** What the hosts do next: admit {@code placements} (each on its host), then run to {@code runToNanos}. */
    public record Window(long runToNanos, List<Placement> placements) {
    }

    public record Placement(int hostId, GuestAssignment guest) {
    }

    /** A chunk of what the run produced up to {@code reachedNanos}; {@code vmsEnded} counts every VM so far. */
    public record Report(long reachedNanos, long vmsEnded, List<VmPlan> planned,
                         List<HostSimulation.Outcome> outcomes, List<HostSimulation.Snapshot> samples) {
    }

    /** The end of the run: its last reports, then every host's summary in chunks. */
    public record Ending(List<Report> reports, List<List<HostSimulation.Summary>> summaries) {

        public int hosts() {
            return summaries.stream().mapToInt(List::size).sum();
        }
    }

    private final RunConfig study;
    private final int parts;
    private final SimulationMetrics metrics;
    private final FleetPlanner planner;
    private final HostSimulation.Snapshot[] views;
    private final BitSet ended = new BitSet();
    private final List<VmPlan> unsentPlans = new ArrayList<>();
    private final List<HostSimulation.Outcome> unsentOutcomes = new ArrayList<>();
    private final List<HostSimulation.Summary> summaries = new ArrayList<>();
    private int window;
    private int pendingParts;
    private boolean finishing;
    private long placed;

    /** Reads the fleet's trace, if it has one, as the windows need it; {@link #close} lets go of it. */
    public WindowedRun(RunConfig study, int parts, SimulationMetrics metrics) {
        this.study = study;
        this.parts = parts;
        this.metrics = metrics;
        this.planner = new FleetPlanner(study, FleetGenerator.source(study));
        this.views = new HostSimulation.Snapshot[study.hosts().count()];
        MemoryOverhead idle = Scenarios.hostSetup(study).overheadModel().host();
        for (int h = 0; h < views.length; h++) {
            views[h] = new HostSimulation.Snapshot(h, 0, 0, 0, 0, 0, idle);
        }
        metrics.runStarted(study);
    }

    public RunConfig study() {
        return study;
    }

    /** Places the next window's arrivals, joins the quiet windows after it, and waits for every part. */
    public Window nextWindow() {
        List<Placement> placements = new ArrayList<>();
        for (FleetPlanner.Placement p : planner.placeWindow(Scenarios.windowEnd(study, window), Arrays.asList(views))) {
            metrics.placed(study, p.refused());
            unsentPlans.add(p.vm());
            if (!p.refused()) {
                placed++;
                placements.add(new Placement(p.hostId(), Scenarios.assignment(study, p.vm())));
            }
        }
        skipQuietWindows();
        pendingParts = parts;
        return new Window(Scenarios.windowEnd(study, window), List.copyOf(placements));
    }

    private void skipQuietWindows() {
        while (!Scenarios.sampled(study, window) && window + 1 < study.windows()
                && planner.nextArrivalNanos() >= Scenarios.windowEnd(study, window + 1)) {
            window++;
        }
    }

    /**
     * One part's hosts reached the window's end; once every part has, the window's reports (at least one) and
     * the next window may start. A part's report after the run began finishing is a stale copy and is ignored.
     */
    public Optional<List<Report>> partAdvanced(List<HostSimulation.Snapshot> snapshots,
                                               List<HostSimulation.Outcome> outcomes) {
        if (finishing) {
            return Optional.empty();
        }
        snapshots.forEach(snapshot -> views[(int) snapshot.hostId()] = snapshot);
        outcomes.forEach(this::ended);
        if (--pendingParts > 0) {
            return Optional.empty();
        }
        long windowEnd = Scenarios.windowEnd(study, window);
        List<HostSimulation.Snapshot> all = Arrays.asList(views);
        metrics.windowDone(study, windowEnd, all);
        List<Report> reports = reports(windowEnd, Scenarios.sampled(study, window) ? all : List.of());
        window++;
        return Optional.of(reports);
    }

    public boolean hasNextWindow() {
        return window < study.windows();
    }

    /** After the last window: every part runs its VMs to their ends and summarises its hosts. */
    public void finish() {
        finishing = true;
        pendingParts = parts;
    }

    /** One part finished; once every part has and every placed VM has ended, the run's ending. */
    public Optional<Ending> partFinished(List<HostSimulation.Summary> partSummaries,
                                         List<HostSimulation.Outcome> outcomes) {
        summaries.addAll(partSummaries);
        outcomes.forEach(this::ended);
        if (--pendingParts > 0 || ended.cardinality() < placed) {
            return Optional.empty();
        }
        return Optional.of(new Ending(reports(study.durationNanos(), List.of()), chunks(summaries)));
    }

    /** A VM's outcome, kept for the reports once. */
    private void ended(HostSimulation.Outcome outcome) {
        if (!ended.get((int) outcome.vmId())) {
            ended.set((int) outcome.vmId());
            unsentOutcomes.add(outcome);
            metrics.ended(study, planner.ended(outcome.vmId()), outcome);
        }
    }

    /** The plans and outcomes gathered since the last reports, and {@code samples}. */
    private List<Report> reports(long reachedNanos, List<HostSimulation.Snapshot> samples) {
        List<Report> reports = reports(reachedNanos, ended.cardinality(), unsentPlans, unsentOutcomes, samples);
        unsentPlans.clear();
        unsentOutcomes.clear();
        return reports;
    }

    /** {@code plans}, {@code outcomes} and {@code samples} in reports of a chunk of each, at least one report. */
    public static List<Report> reports(long reachedNanos, long vmsEnded, List<VmPlan> plans,
                                       List<HostSimulation.Outcome> outcomes, List<HostSimulation.Snapshot> samples) {
        int largest = Math.max(plans.size(), Math.max(outcomes.size(), samples.size()));
        long count = Math.max(1, Sizes.ceilDiv(largest, CHUNK));
        List<Report> reports = new ArrayList<>();
        for (int part = 0; part < count; part++) {
            reports.add(new Report(reachedNanos, vmsEnded, chunk(plans, part), chunk(outcomes, part),
                    chunk(samples, part)));
        }
        return reports;
    }

    /** {@code list} in chunks, none if it is empty. */
    public static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> chunks = new ArrayList<>();
        for (int part = 0; part * CHUNK < list.size(); part++) {
            chunks.add(chunk(list, part));
        }
        return chunks;
    }

    private static <T> List<T> chunk(List<T> list, int part) {
        int from = Math.min(list.size(), part * CHUNK);
        return List.copyOf(list.subList(from, Math.min(list.size(), from + CHUNK)));
    }

    @Override
    public void close() {
        planner.close();
    }
}
