package dev.fleetsim.node.results;

import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.MemoryOverhead;
import dev.fleetsim.node.engine.ScenarioResult;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One run's rows: {@code vms.csv} (one row per VM) and {@code hosts.csv} (each host's commit, sampled). Times are
 * exact decimal seconds of the virtual nanoseconds, so equal runs give equal files.
 */
final class RunFiles {

    static final String VMS = "vms.csv";
    static final String HOSTS = "hosts.csv";

    private RunFiles() {
    }

    static void writeVms(Path file, ScenarioResult r) throws IOException {
        List<String> header = new ArrayList<>(List.of("scenario", "vm_id", "class", "memory_bytes", "vcpus",
                "platform", "policy", "workload", "host", "arrival_s", "end_s", "reached_shell"));
        for (BootPhase phase : BootPhase.values()) {
            header.add(phase.name().toLowerCase() + "_s");
        }
        List<String> outcomeColumns = List.of("boot_to_shell_s", "exits", "accepted_at_shell_bytes",
                "accepted_early_kernel_bytes", "accepted_at_end_bytes", "committed_at_end_bytes", "time_to_drain_s",
                "bitmap_bytes", "e820_entries_peak", "accepted_free_bytes", "overhead_sept_bytes",
                "overhead_pamt_bytes", "overhead_rmp_bytes", "overhead_vmm_bytes", "overhead_total_bytes");
        header.addAll(outcomeColumns);
        try (CSVPrinter csv = printer(file, header)) {
            for (ScenarioResult.VmResult vm : r.vms()) {
                List<Object> row = new ArrayList<>(List.of(r.study().scenario(), vm.plan().vmId(),
                        vm.plan().vmClass(), vm.plan().memoryBytes(), vm.plan().vcpus(),
                        r.study().platform().configName(), r.study().policy().configName(),
                        r.study().workload().name()));
                HostSimulation.Outcome o = vm.outcome();
                if (o == null) {
                    row.addAll(List.of("refused", seconds(vm.plan().arrivalNanos()), "", false));
                    for (int i = 0; i < BootPhase.values().length + outcomeColumns.size(); i++) {
                        row.add("");
                    }
                } else {
                    row.addAll(List.of(o.hostId(), seconds(o.arrivalNanos()), seconds(o.endNanos()),
                            o.reachedShell()));
                    o.phaseNanos().stream().forEach(n -> row.add(seconds(n)));
                    row.addAll(List.of(o.reachedShell() ? seconds(o.bootToShellNanos()) : "", o.exits(),
                            o.acceptedAtShell(), o.acceptedEarlyKernel(), o.acceptedAtEnd(), o.committedAtEnd(),
                            o.drainedNanos() < 0 ? "" : seconds(o.drainedNanos()), o.guest().bitmapBytes(),
                            o.guest().e820EntriesPeak(), o.guest().acceptedFreeBytes()));
                    addOverhead(row, o.overheadAtEnd());
                }
                csv.printRecord(row);
            }
        }
    }

    static void writeHosts(Path file, ScenarioResult r) throws IOException {
        try (CSVPrinter csv = printer(file, List.of("scenario", "host", "time_s", "committed_bytes",
                "configured_bytes", "resident_vms", "overhead_sept_bytes", "overhead_pamt_bytes",
                "overhead_rmp_bytes", "overhead_vmm_bytes", "overhead_total_bytes"))) {
            for (HostSimulation.Snapshot s : r.samples()) {
                List<Object> row = new ArrayList<>(List.of(r.study().scenario(), s.hostId(),
                        seconds(s.timeNanos()), s.committedBytes(), s.configuredBytes(), s.residentVms()));
                addOverhead(row, s.overhead());
                csv.printRecord(row);
            }
        }
    }

    /** The overhead columns: one per kind, then their total. */
    private static void addOverhead(List<Object> row, MemoryOverhead overhead) {
        row.addAll(List.of(overhead.septBytes(), overhead.pamtBytes(), overhead.rmpBytes(), overhead.vmmBytes(),
                overhead.totalBytes()));
    }

    static CSVPrinter printer(Path file, List<String> header) throws IOException {
        Writer writer = Files.newBufferedWriter(file);
        return new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator('\n').get());
    }

    private static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).toPlainString();
    }
}
