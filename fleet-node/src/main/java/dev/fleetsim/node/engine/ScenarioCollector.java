package dev.fleetsim.node.engine;

import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.StudyConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Gathers a scenario's results in whatever order they arrive and puts them in the canonical order. A VM's outcome
 * is accepted once: a second report of the same VM (a replayed entity after a failure) is checked and ignored.
 * VMs are kept in arrays by id (ids run from 0) and samples in one array of hosts per sample time: a million VMs'
 * results are held until the run ends, and boxed keys would cost more than the results.
 */
public final class ScenarioCollector {

    private final StudyConfig study;
    private VmPlan[] plans = new VmPlan[1024];
    private HostSimulation.Outcome[] outcomes = new HostSimulation.Outcome[1024];
    private long ended;
    private final List<HostSimulation.Summary> hosts = new ArrayList<>();
    private final Map<Long, HostSimulation.Snapshot[]> samples = new HashMap<>();

    public ScenarioCollector(StudyConfig study) {
        this.study = study;
    }

    public void planned(VmPlan plan) {
        int id = (int) plan.vmId();
        if (id >= plans.length) {
            plans = Arrays.copyOf(plans, Math.max(id + 1, 2 * plans.length));
            outcomes = Arrays.copyOf(outcomes, plans.length);
        }
        plans[id] = plan;
    }

    /** Every VM of the fleet, as {@link dev.fleetsim.node.fleet.FleetGenerator} draws it. */
    public void plannedAll(List<VmPlan> fleet) {
        fleet.forEach(this::planned);
    }

    /** A VM's outcome; the VM was planned before. */
    public void ended(HostSimulation.Outcome outcome) {
        int id = (int) outcome.vmId();
        HostSimulation.Outcome earlier = outcomes[id];
        if (earlier == null) {
            outcomes[id] = outcome;
            ended++;
        } else if (!earlier.equals(outcome)) {
            throw new IllegalStateException("VM " + outcome.vmId() + " reported twice with different outcomes");
        }
    }

    /** A host's sample; a replayed window's sample of the same host and time must equal the first. */
    public void sampled(HostSimulation.Snapshot snapshot) {
        HostSimulation.Snapshot[] atTime = samples.computeIfAbsent(snapshot.timeNanos(),
                t -> new HostSimulation.Snapshot[study.hosts().count()]);
        HostSimulation.Snapshot earlier = atTime[(int) snapshot.hostId()];
        if (earlier == null) {
            atTime[(int) snapshot.hostId()] = snapshot;
        } else if (!earlier.equals(snapshot)) {
            throw new IllegalStateException("host " + snapshot.hostId() + " sampled twice at " + snapshot.timeNanos()
                    + " with different values");
        }
    }

    public void summarised(HostSimulation.Summary summary) {
        hosts.add(summary);
    }

    public long ended() {
        return ended;
    }

    public ScenarioResult result() {
        List<ScenarioResult.VmResult> vms = new ArrayList<>();
        for (int id = 0; id < plans.length; id++) {
            if (plans[id] != null) {
                vms.add(new ScenarioResult.VmResult(plans[id], outcomes[id]));
            }
        }
        hosts.sort(Comparator.comparingLong(HostSimulation.Summary::hostId));
        List<HostSimulation.Snapshot> sorted = new ArrayList<>();
        new TreeMap<>(samples).values().forEach(atTime -> Arrays.stream(atTime).filter(Objects::nonNull)
                .forEach(sorted::add));
        return new ScenarioResult(study, List.copyOf(vms), List.copyOf(hosts), List.copyOf(sorted));
    }
}
