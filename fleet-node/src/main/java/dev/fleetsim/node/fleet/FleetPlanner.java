package dev.fleetsim.node.fleet;

import dev.fleetsim.host.HostCapacity;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.OvercommitPolicy;
import dev.fleetsim.node.study.PlacementPolicy;
import dev.fleetsim.node.study.StudyConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places arriving VMs on hosts, one window at a time. It sees each host as of the window's start (the snapshots
 * the engines collect at the end of the previous window) plus the VMs it has placed on it since, so both engines
 * reach the same decisions. A VM that fits nowhere is refused, or, under {@code count-pressure}, put on the host
 * with the most room left.
 */
public final class FleetPlanner {

    /** Where a VM went; {@code hostId} is -1 if it was refused. */
    public record Placement(VmPlan vm, int hostId) {
        public boolean refused() {
            return hostId < 0;
        }
    }

    private final StudyConfig study;
    private final List<VmPlan> fleet;
    private final long[] load;
    private final Map<Long, VmPlan> byId = new HashMap<>();
    private int next;

    public FleetPlanner(StudyConfig study, List<VmPlan> fleet) {
        this.study = study;
        this.fleet = fleet;
        this.load = new long[study.hosts().count()];
        fleet.forEach(vm -> byId.put(vm.vmId(), vm));
    }

    /** The VM with this id. */
    public VmPlan vm(long vmId) {
        return byId.get(vmId);
    }

    /** Places every VM arriving before {@code windowEnd}, seeing hosts as {@code snapshots} (one per host). */
    public List<Placement> placeWindow(long windowEnd, List<HostSimulation.Snapshot> snapshots) {
        PlacementPolicy policy = study.placement();
        for (HostSimulation.Snapshot s : snapshots) {
            load[(int) s.hostId()] = policy.basis() == PlacementPolicy.Basis.CONFIGURED
                    ? s.configuredBytes() : s.committedBytes();
        }
        List<Placement> placed = new ArrayList<>();
        while (next < fleet.size() && fleet.get(next).arrivalNanos() < windowEnd) {
            VmPlan vm = fleet.get(next++);
            int host = choose(vm.memoryBytes());
            if (host >= 0) {
                load[host] += vm.memoryBytes();
            }
            placed.add(new Placement(vm, host));
        }
        return placed;
    }

    private int choose(long bytes) {
        HostCapacity capacity = study.hosts().capacity();
        long limit = capacity.placeableBytes();
        int best = -1;
        for (int h = 0; h < load.length; h++) {
            long room = limit - load[h] - bytes;
            if (room < 0) {
                continue;
            }
            if (study.placement().fit() == PlacementPolicy.Fit.FIRST_FIT) {
                return h;
            }
            if (best < 0 || room < limit - load[best] - bytes) {
                best = h;
            }
        }
        if (best < 0 && capacity.policy() == OvercommitPolicy.COUNT_PRESSURE) {
            return leastLoaded();
        }
        return best;
    }

    private int leastLoaded() {
        int best = 0;
        for (int h = 1; h < load.length; h++) {
            if (load[h] < load[best]) {
                best = h;
            }
        }
        return best;
    }
}
