package dev.fleetsim.node.results;

import java.util.function.ToDoubleFunction;

/**
 * The figures a sweep is read by: averaged over replications with confidence intervals ({@link CellStatistics}),
 * and plotted against the matrix axes in the report.
 */
public enum Headline {
    BOOT_P50("boot_p50_s", "boot-to-shell p50 (s)", c -> c.summary().bootToShell().p50()),
    BOOT_MEAN("boot_mean_s", "boot-to-shell mean (s)", c -> c.summary().bootToShell().mean()),
    BOOT_SPEEDUP("boot_speedup", "boot speed-up vs baseline (x)", Comparison::speedup),
    SAVED_PERCENT("saved_percent", "fleet commit saved vs baseline (%)", Comparison::savedPercent),
    FLEET_MEAN_COMMITTED("fleet_mean_committed_gib", "fleet committed, mean (GiB)",
            c -> c.summary().fleetMeanCommittedBytes() / (1L << 30)),
    VMS_PER_HOST("vms_per_host_peak_mean", "VMs per host at peak, mean", c -> c.summary().vmsPerHostPeakMean()),
    REFUSED("refused_vms", "VMs refused placement", c -> c.summary().refused()),
    ACCEPTED_FREE("accepted_free_mean_mib", "accepted but free per VM at end (MiB)",
            c -> c.summary().acceptedFreeMeanBytes() / (1L << 20)),
    BITMAP("bitmap_mean_kib", "unaccepted bitmap per VM (KiB)", c -> c.summary().bitmapMeanBytes() / 1024),
    E820_PEAK("e820_entries_peak_p99", "e820 entries range tracking needs, p99",
            c -> c.summary().e820EntriesPeak().p99());

    private final String column;
    private final String label;
    private final ToDoubleFunction<Comparison> value;

    Headline(String column, String label, ToDoubleFunction<Comparison> value) {
        this.column = column;
        this.label = label;
        this.value = value;
    }

    public String column() {
        return column;
    }

    public String label() {
        return label;
    }

    public double of(Comparison run) {
        return value.applyAsDouble(run);
    }
}
