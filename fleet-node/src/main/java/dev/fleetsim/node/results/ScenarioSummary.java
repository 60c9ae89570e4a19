package dev.fleetsim.node.results;

import dev.fleetsim.guest.E820Entry;
import dev.fleetsim.host.GuestReport;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.engine.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The headline figures of one scenario. Fleet means are sums of per-host time-weighted means over the study's
 * duration; the fleet peak is the highest sum over the hosts.csv sample instants. The guest-bookkeeping figures
 * (bitmap, e820 entries, accepted but free) are over placed VMs; {@code overhead} is the host memory spent beside
 * the guests' (null in runs recorded before it was modelled); {@code memmapMeanBytes} is the guest-side
 * {@code struct page} array per placed VM, inside its own memory.
 */
public record ScenarioSummary(String scenario, String policy, String platform, long seed, int vms, int placed,
                              int refused, int reachedShell, Percentiles bootToShell,
                              Map<String, Percentiles> bootToShellByClass, long fleetPeakCommittedBytes,
                              double fleetMeanCommittedBytes, long fleetPeakConfiguredBytes,
                              double fleetMeanConfiguredBytes, int hostsUsed, double vmsPerHostPeakMean,
                              int vmsPerHostPeakMax, long exits, long pressureEvents, double acceptedAtShellMeanBytes,
                              double acceptedEarlyKernelMeanBytes, Percentiles timeToDrain, String workload,
                              double bitmapMeanBytes, Percentiles e820EntriesPeak, int vmsOverE820Limit,
                              double acceptedFreeMeanBytes, FleetOverhead overhead, double memmapMeanBytes) {

    public static ScenarioSummary of(ScenarioResult result) {
        List<Long> boots = new ArrayList<>();
        Map<String, List<Long>> byClass = new TreeMap<>();
        int refused = 0;
        double acceptedAtShell = 0;
        double acceptedEarlyKernel = 0;
        List<Long> drains = new ArrayList<>();
        List<Long> e820Entries = new ArrayList<>();
        double bitmap = 0;
        double acceptedFree = 0;
        double memmap = 0;
        for (ScenarioResult.VmResult vm : result.vms()) {
            if (vm.refused()) {
                refused++;
                continue;
            }
            GuestReport guest = vm.outcome().guest();
            bitmap += guest.bitmapBytes();
            acceptedFree += guest.acceptedFreeBytes();
            memmap += guest.memmapBytes();
            e820Entries.add((long) guest.e820EntriesPeak());
            if (vm.outcome().boot().reachedShell()) {
                boots.add(vm.outcome().boot().toShellNanos());
                byClass.computeIfAbsent(vm.plan().vmClass(), k -> new ArrayList<>())
                        .add(vm.outcome().boot().toShellNanos());
                acceptedAtShell += vm.outcome().accepted().atShellBytes();
                acceptedEarlyKernel += vm.outcome().accepted().earlyKernelBytes();
                if (vm.outcome().accepted().drainedNanos() >= 0) {
                    drains.add(vm.outcome().accepted().drainedNanos());
                }
            }
        }
        int placed = result.vms().size() - refused;
        Map<String, Percentiles> classes = new LinkedHashMap<>();
        byClass.forEach((name, list) -> classes.put(name, Percentiles.ofNanos(toArray(list))));
        double meanCommitted = 0;
        double meanConfigured = 0;
        long exits = 0;
        long pressure = 0;
        int used = 0;
        int peakMax = 0;
        double peakSum = 0;
        for (HostSimulation.Summary h : result.hosts()) {
            meanCommitted += h.meanCommittedBytes();
            meanConfigured += h.meanEagerBytes();
            exits += h.exits();
            pressure += h.pressureEvents();
            if (h.vmsPlaced() > 0) {
                used++;
                peakSum += h.peakResidentVms();
                peakMax = Math.max(peakMax, h.peakResidentVms());
            }
        }
        return new ScenarioSummary(result.study().scenario(), result.study().policy().configName(),
                result.study().platform().configName(), result.study().seed(), result.vms().size(),
                placed, refused, boots.size(), Percentiles.ofNanos(toArray(boots)), classes,
                fleetPeak(result.samples(), true), meanCommitted, fleetPeak(result.samples(), false), meanConfigured,
                used, used == 0 ? 0 : peakSum / used, peakMax, exits, pressure,
                boots.isEmpty() ? 0 : acceptedAtShell / boots.size(),
                boots.isEmpty() ? 0 : acceptedEarlyKernel / boots.size(), Percentiles.ofNanos(toArray(drains)),
                result.study().workload().name(), placed == 0 ? 0 : bitmap / placed,
                Percentiles.ofCounts(toArray(e820Entries)),
                (int) e820Entries.stream().filter(n -> n > E820Entry.MAX_ENTRIES_ZEROPAGE).count(),
                placed == 0 ? 0 : acceptedFree / placed, FleetOverhead.of(result.hosts()),
                placed == 0 ? 0 : memmap / placed);
    }

    /** How many times faster this scenario's mean boot-to-shell is than {@code baseline}'s. */
    public double speedupVersus(ScenarioSummary baseline) {
        return bootToShell.mean() == 0 ? 0 : baseline.bootToShell.mean() / bootToShell.mean();
    }

    /** Memory this scenario saved against {@code baseline}, from fleet time-weighted means. */
    public double savedBytesVersus(ScenarioSummary baseline) {
        return baseline.fleetMeanCommittedBytes - fleetMeanCommittedBytes;
    }

    public double savedPercentVersus(ScenarioSummary baseline) {
        return baseline.fleetMeanCommittedBytes == 0 ? 0
                : 100 * savedBytesVersus(baseline) / baseline.fleetMeanCommittedBytes;
    }

    /** Guest commit and host overhead together saved against {@code baseline}; NaN if either lacks the figure. */
    public double savedTotalBytesVersus(ScenarioSummary baseline) {
        return overhead == null || baseline.overhead == null ? Double.NaN
                : baseline.overhead.totalMeanBytes() - overhead.totalMeanBytes();
    }

    public double savedTotalPercentVersus(ScenarioSummary baseline) {
        return baseline.overhead == null || baseline.overhead.totalMeanBytes() == 0 ? Double.NaN
                : 100 * savedTotalBytesVersus(baseline) / baseline.overhead.totalMeanBytes();
    }

    private static long fleetPeak(List<HostSimulation.Snapshot> samples, boolean committed) {
        Map<Long, Long> byTime = new TreeMap<>();
        for (HostSimulation.Snapshot s : samples) {
            byTime.merge(s.timeNanos(), committed ? s.committedBytes() : s.configuredBytes(), Long::sum);
        }
        return byTime.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
