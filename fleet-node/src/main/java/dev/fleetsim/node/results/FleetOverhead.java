package dev.fleetsim.node.results;

import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.MeanOverhead;
import java.util.List;

/**
 * A fleet's memory with what its hosts spend beside it: sums over hosts of time-weighted means over the study, so
 * they add up with {@link ScenarioSummary#fleetMeanCommittedBytes()}. Static PAMT and the RMP count on every host,
 * used or not: the host allocates them at boot.
 *
 * @param committedGuestMeanBytes guest memory the hosts committed
 * @param overheadMeanBytes       the four kinds together
 * @param totalMeanBytes          guest commit and overhead: what the fleet's guests cost their hosts
 */
public record FleetOverhead(double committedGuestMeanBytes, double septMeanBytes, double pamtMeanBytes,
                            double rmpMeanBytes, double vmmMeanBytes, double overheadMeanBytes,
                            double totalMeanBytes) {

    public static FleetOverhead of(List<HostSimulation.Summary> hosts) {
        double committed = 0;
        MeanOverhead overhead = MeanOverhead.NONE;
        for (HostSimulation.Summary h : hosts) {
            committed += h.meanCommittedBytes();
            overhead = overhead.plus(h.meanOverhead());
        }
        return new FleetOverhead(committed, overhead.septBytes(), overhead.pamtBytes(), overhead.rmpBytes(),
                overhead.vmmBytes(), overhead.totalBytes(), committed + overhead.totalBytes());
    }
}
