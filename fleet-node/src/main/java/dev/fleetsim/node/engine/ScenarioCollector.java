package dev.fleetsim.node.engine;

import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.StudyConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a scenario's results in whatever order they arrive and puts them in the canonical order. A VM's outcome
 * is accepted once: a second report of the same VM (a replayed entity after a failure) is checked and ignored.
 */
public final class ScenarioCollector {

    private final StudyConfig study;
    private final Map<Long, VmPlan> plans = new HashMap<>();
    private final Map<Long, HostSimulation.Outcome> outcomes = new HashMap<>();
    private final List<HostSimulation.Summary> hosts = new ArrayList<>();
    private final Map<List<Long>, HostSimulation.Snapshot> samples = new HashMap<>();

    public ScenarioCollector(StudyConfig study) {
        this.study = study;
    }

    public void planned(VmPlan plan) {
        plans.put(plan.vmId(), plan);
    }

    /** Every VM of the fleet, as {@link dev.fleetsim.node.fleet.FleetGenerator} draws it. */
    public void plannedAll(List<VmPlan> fleet) {
        fleet.forEach(this::planned);
    }

    public void ended(HostSimulation.Outcome outcome) {
        HostSimulation.Outcome earlier = outcomes.putIfAbsent(outcome.vmId(), outcome);
        if (earlier != null && !earlier.equals(outcome)) {
            throw new IllegalStateException("VM " + outcome.vmId() + " reported twice with different outcomes");
        }
    }

    /** A host's sample; a replayed window's sample of the same host and time must equal the first. */
    public void sampled(HostSimulation.Snapshot snapshot) {
        HostSimulation.Snapshot earlier = samples.putIfAbsent(List.of(snapshot.hostId(), snapshot.timeNanos()),
                snapshot);
        if (earlier != null && !earlier.equals(snapshot)) {
            throw new IllegalStateException("host " + snapshot.hostId() + " sampled twice at " + snapshot.timeNanos()
                    + " with different values");
        }
    }

    public void summarised(HostSimulation.Summary summary) {
        hosts.add(summary);
    }

    public long ended() {
        return outcomes.size();
    }

    public ScenarioResult result() {
        List<ScenarioResult.VmResult> vms = new ArrayList<>();
        plans.values().stream().sorted(Comparator.comparingLong(VmPlan::vmId))
                .forEach(p -> vms.add(new ScenarioResult.VmResult(p, outcomes.get(p.vmId()))));
        hosts.sort(Comparator.comparingLong(HostSimulation.Summary::hostId));
        List<HostSimulation.Snapshot> sorted = new ArrayList<>(samples.values());
        sorted.sort(Comparator.comparingLong(HostSimulation.Snapshot::timeNanos)
                .thenComparingLong(HostSimulation.Snapshot::hostId));
        return new ScenarioResult(study, List.copyOf(vms), List.copyOf(hosts), List.copyOf(sorted));
    }
}
