package dev.fleetsim.node.engine;

import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.RunConfig;
import java.util.List;

/**
 * Everything a scenario run produced, in a fixed order (VMs by id, hosts by id, samples by time then host), so two
 * runs can be compared and written out byte for byte.
 */
public record ScenarioResult(RunConfig study, List<VmResult> vms, List<HostSimulation.Summary> hosts,
                             List<HostSimulation.Snapshot> samples) {

    /** A VM and what became of it; {@code outcome} is null if placement refused it. */
    public record VmResult(VmPlan plan, HostSimulation.Outcome outcome) {
        public boolean refused() {
            return outcome == null;
        }
    }
}
