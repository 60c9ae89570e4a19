package dev.fleetsim.node.report;

import dev.fleetsim.node.results.Comparison;
import dev.fleetsim.node.results.FleetOverhead;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The whole memory cost of each run's guests on their hosts, as stacked bars: guest commit, then each kind of host
 * overhead beside it (fleet time-weighted means). Hiding guest commit in the legend restacks the overhead alone.
 */
final class OverheadChart {

    private record Kind(String name, ToDoubleFunction<FleetOverhead> bytes) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("guest commit", FleetOverhead::committedGuestMeanBytes),
            new Kind("Secure EPT", FleetOverhead::septMeanBytes),
            new Kind("PAMT", FleetOverhead::pamtMeanBytes),
            new Kind("RMP", FleetOverhead::rmpMeanBytes),
            new Kind("VMM", FleetOverhead::vmmMeanBytes));

    private OverheadChart() {
    }

    /** The chart over the first replication's runs; none if no run recorded its overhead. */
    static Optional<Chart> of(List<Comparison> runs) {
        List<String> labels = new ArrayList<>();
        List<FleetOverhead> figures = new ArrayList<>();
        for (Comparison c : runs) {
            if (c.run().point().replication() == 0 && c.summary().overhead() != null) {
                labels.add(c.run().run());
                figures.add(c.summary().overhead());
            }
        }
        if (figures.isEmpty()) {
            return Optional.empty();
        }
        boolean tib = figures.stream().anyMatch(f -> f.totalMeanBytes() >= 1L << 40);
        double unit = tib ? 1L << 40 : 1L << 30;
        List<Chart.Series> series = new ArrayList<>();
        for (Kind kind : KINDS) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < figures.size(); i++) {
                points.add(new double[] {i, kind.bytes().applyAsDouble(figures.get(i)) / unit});
            }
            // a kind no run has (the RMP on TDX, PAMT on SEV-SNP) would be an empty legend entry
            if (points.stream().anyMatch(p -> p[1] > 0)) {
                series.add(new Chart.Series(kind.name(), points));
            }
        }
        String name = tib ? "TiB" : "GiB";
        return Optional.of(new Chart("host-overhead", "Host memory per run: guest commit and what the host keeps "
                + "beside it", Chart.Kind.stacked, Chart.Axis.categories("run", labels),
                Chart.Axis.linear("memory, time-weighted mean (" + name + ")", name), series));
    }
}
