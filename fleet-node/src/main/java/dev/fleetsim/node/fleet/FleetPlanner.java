package dev.fleetsim.node.fleet;

import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.OvercommitPolicy;
import dev.fleetsim.node.study.PlacementPolicy;
import dev.fleetsim.node.study.StudyConfig;
import java.util.ArrayList;
import java.util.List;

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
    private final long[] room;
    private final HostRoom index;
    /** Indexed by VM id: ids are 0 to fleet size - 1, and arrival order is not id order for traces. */
    private final VmPlan[] byId;
    private int next;

    public FleetPlanner(StudyConfig study, List<VmPlan> fleet) {
        this.study = study;
        this.fleet = fleet;
        this.room = new long[study.hosts().count()];
        this.index = new HostRoom(room.length, study.placement().fit() == PlacementPolicy.Fit.BEST_FIT);
        this.byId = new VmPlan[fleet.size()];
        fleet.forEach(vm -> byId[(int) vm.vmId()] = vm);
    }

    /** When the next VM not yet placed arrives; {@link Long#MAX_VALUE} once all are placed. */
    public long nextArrivalNanos() {
        return next < fleet.size() ? fleet.get(next).arrivalNanos() : Long.MAX_VALUE;
    }

    /** The VM with this id. */
    public VmPlan vm(long vmId) {
        return byId[(int) vmId];
    }

    /** Places every VM arriving before {@code windowEnd}, seeing hosts as {@code snapshots} (one per host). */
    public List<Placement> placeWindow(long windowEnd, List<HostSimulation.Snapshot> snapshots) {
        PlacementPolicy policy = study.placement();
        long limit = study.hosts().capacity().placeableBytes();
        for (HostSimulation.Snapshot s : snapshots) {
            room[(int) s.hostId()] = limit - (policy.basis() == PlacementPolicy.Basis.CONFIGURED
                    ? s.configuredBytes() : s.committedBytes());
        }
        index.setAll(room);
        List<Placement> placed = new ArrayList<>();
        while (next < fleet.size() && fleet.get(next).arrivalNanos() < windowEnd) {
            VmPlan vm = fleet.get(next++);
            int host = choose(vm.memoryBytes());
            if (host >= 0) {
                index.take(host, vm.memoryBytes());
            }
            placed.add(new Placement(vm, host));
        }
        return placed;
    }

    /** A host with room for {@code bytes} by the study's fit; failing that, under count-pressure, the emptiest. */
    private int choose(long bytes) {
        int host = study.placement().fit() == PlacementPolicy.Fit.FIRST_FIT ? index.firstFit(bytes)
                : index.bestFit(bytes);
        if (host < 0 && study.hosts().capacity().policy() == OvercommitPolicy.COUNT_PRESSURE) {
            return index.mostRoom();
        }
        return host;
    }
}
