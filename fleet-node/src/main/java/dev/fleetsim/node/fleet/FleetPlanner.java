package dev.fleetsim.node.fleet;

import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.OvercommitPolicy;
import dev.fleetsim.node.study.PlacementPolicy;
import dev.fleetsim.node.study.RunConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places arriving VMs on hosts, one window at a time. It sees each host as of the window's start (the snapshots
 * the engines collect at the end of the previous window) plus the VMs it has placed on it since, so both engines
 * reach the same decisions. A VM that fits nowhere is refused, or, under {@code count-pressure}, put on the host
 * with the most room left. It takes VMs from a {@link FleetSource} as their windows come and keeps a VM's plan only
 * while it lives on a host. Packing by committed memory counts what the host spends beside it (PAMT, RMP, S-EPT,
 * VMM), so density reflects it.
 */
public final class FleetPlanner implements AutoCloseable {

    /** Where a VM went; {@code hostId} is -1 if it was refused. */
    public record Placement(VmPlan vm, int hostId) {
        public boolean refused() {
            return hostId < 0;
        }
    }

    private final RunConfig study;
    private final FleetSource fleet;
    private final long[] room;
    private final HostRoom index;
    /** The placed VMs that have not ended yet, by id. */
    private final Map<Long, VmPlan> living = new HashMap<>();

    public FleetPlanner(RunConfig study, FleetSource fleet) {
        this.study = study;
        this.fleet = fleet;
        this.room = new long[study.hosts().count()];
        this.index = new HostRoom(room.length, study.placement().fit() == PlacementPolicy.Fit.BEST_FIT);
    }

    /** When the next VM not yet placed arrives; {@link Long#MAX_VALUE} once all are placed. */
    public long nextArrivalNanos() {
        return fleet.nextArrivalNanos();
    }

    /** The plan of a placed VM whose life has ended, forgotten here from now on. */
    public VmPlan ended(long vmId) {
        VmPlan vm = living.remove(vmId);
        if (vm == null) {
            throw new IllegalStateException("VM " + vmId + " ended but is not living on a host");
        }
        return vm;
    }

    @Override
    public void close() {
        fleet.close();
    }

    /** Places every VM arriving before {@code windowEnd}, seeing hosts as {@code snapshots} (one per host). */
    public List<Placement> placeWindow(long windowEnd, List<HostSimulation.Snapshot> snapshots) {
        PlacementPolicy policy = study.placement();
        long limit = study.hosts().capacity().placeableBytes();
        for (HostSimulation.Snapshot s : snapshots) {
            room[(int) s.hostId()] = limit - (policy.basis() == PlacementPolicy.Basis.CONFIGURED
                    ? s.configuredBytes() : s.committedBytes() + s.overhead().totalBytes());
        }
        index.setAll(room);
        List<Placement> placed = new ArrayList<>();
        while (fleet.nextArrivalNanos() < windowEnd) {
            VmPlan vm = fleet.next();
            int host = choose(vm.memoryBytes());
            if (host >= 0) {
                index.take(host, vm.memoryBytes());
                living.put(vm.vmId(), vm);
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
