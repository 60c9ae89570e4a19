package dev.fleetsim.node.engine;

import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.RunConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Gathers a scenario's results in whatever order they arrive and puts them in the canonical order. Each result is
 * accepted once: a second report of the same VM, sample or host summary (a replay after a failure) must equal the
 * first and is ignored.
 * VMs are kept in arrays by id (ids run from 0) and samples in one array of hosts per sample time: a million VMs'
 * results are held until the run ends, and boxed keys would cost more than the results.
 */
public final class ScenarioCollector {

    private final RunConfig study;
    private VmPlan[] plans = new VmPlan[1024];
    private HostSimulation.Outcome[] outcomes = new HostSimulation.Outcome[1024];
    private long ended;
    private long arrived;
    private final HostSimulation.Summary[] hosts;
    private int summarised;
    private final Map<Long, HostSimulation.Snapshot[]> samples = new HashMap<>();

    public ScenarioCollector(RunConfig study) {
        this.study = study;
        this.hosts = new HostSimulation.Summary[study.hosts().count()];
    }

    /** A VM placement saw, placed or refused; a replay reports it again, equal. */
    private void planned(VmPlan plan) {
        int id = (int) plan.vmId();
        makeRoom(id);
        if (plans[id] == null) {
            arrived++;
        }
        plans[id] = plan;
    }

    /** A VM's outcome, before or after its plan (they may come in different chunks). */
    private void ended(HostSimulation.Outcome outcome) {
        makeRoom((int) outcome.vmId());
        if (keepFirst(outcomes, (int) outcome.vmId(), outcome, "VM " + outcome.vmId() + " outcome")) {
            ended++;
        }
    }

    /** What a chunk of a run's report adds. */
    public void reported(WindowedRun.Report report) {
        report.planned().forEach(this::planned);
        report.outcomes().forEach(this::ended);
        report.samples().forEach(this::sampled);
    }

    /** A host's sample; a replayed window's sample of the same host and time must equal the first. */
    private void sampled(HostSimulation.Snapshot snapshot) {
        HostSimulation.Snapshot[] atTime = samples.computeIfAbsent(snapshot.timeNanos(),
                t -> new HostSimulation.Snapshot[study.hosts().count()]);
        keepFirst(atTime, (int) snapshot.hostId(), snapshot,
                "host " + snapshot.hostId() + " sample at " + snapshot.timeNanos());
    }

    public void summarised(HostSimulation.Summary summary) {
        if (keepFirst(hosts, (int) summary.hostId(), summary, "host " + summary.hostId() + " summary")) {
            summarised++;
        }
    }

    /** Host summaries received so far. */
    public int summarised() {
        return summarised;
    }

    private void makeRoom(int id) {
        if (id >= plans.length) {
            plans = Arrays.copyOf(plans, Math.max(id + 1, 2 * plans.length));
            outcomes = Arrays.copyOf(outcomes, plans.length);
        }
    }

    /** Puts {@code value} in an empty slot and says so; a filled slot must already hold an equal value. */
    private static <T> boolean keepFirst(T[] slots, int index, T value, String what) {
        if (slots[index] == null) {
            slots[index] = value;
            return true;
        }
        if (!slots[index].equals(value)) {
            throw new IllegalStateException(what + " reported twice with different values");
        }
        return false;
    }

    public long ended() {
        return ended;
    }

    /** VMs whose arrival placement has seen: placed or refused. */
    public long arrived() {
        return arrived;
    }

    public ScenarioResult result() {
        List<ScenarioResult.VmResult> vms = new ArrayList<>();
        for (int id = 0; id < plans.length; id++) {
            if (plans[id] != null) {
                vms.add(new ScenarioResult.VmResult(plans[id], outcomes[id]));
            }
        }
        List<HostSimulation.Snapshot> sorted = new ArrayList<>();
        new TreeMap<>(samples).values().forEach(atTime -> Arrays.stream(atTime).filter(Objects::nonNull)
                .forEach(sorted::add));
        return new ScenarioResult(study, List.copyOf(vms),
                Arrays.stream(hosts).filter(Objects::nonNull).toList(), List.copyOf(sorted));
    }
}
