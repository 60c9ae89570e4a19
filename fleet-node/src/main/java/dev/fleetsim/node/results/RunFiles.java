package dev.fleetsim.node.results;

import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.MemoryOverhead;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.study.RunConfig;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

    /** A row of vms.csv: a VM of a run; placement may have refused it, and then it has no outcome. */
    private record VmRow(RunConfig study, ScenarioResult.VmResult vm) {
    }

    /** A row of hosts.csv: a host's sample. */
    private record HostRow(RunConfig study, HostSimulation.Snapshot sample) {
    }

    private static final List<Column<VmRow>> VM_COLUMNS = vmColumns();

    private static final List<Column<HostRow>> HOST_COLUMNS = concat(List.of(
            Column.of("scenario", r -> r.study().scenario()),
            Column.of("host", r -> r.sample().hostId()),
            Column.of("time_s", r -> seconds(r.sample().timeNanos())),
            Column.of("committed_bytes", r -> r.sample().committedBytes()),
            Column.of("configured_bytes", r -> r.sample().configuredBytes()),
            Column.of("resident_vms", r -> r.sample().residentVms())),
            overheadColumns(r -> r.sample().overhead()));

    private static List<Column<VmRow>> vmColumns() {
        List<Column<VmRow>> columns = new ArrayList<>(List.of(
                Column.of("scenario", r -> r.study().scenario()),
                Column.of("vm_id", r -> r.vm().plan().vmId()),
                Column.of("class", r -> r.vm().plan().vmClass()),
                Column.of("memory_bytes", r -> r.vm().plan().memoryBytes()),
                Column.of("vcpus", r -> r.vm().plan().vcpus()),
                Column.of("platform", r -> r.study().platform().configName()),
                Column.of("policy", r -> r.study().policy().configName()),
                Column.of("workload", r -> r.study().workload().name()),
                Column.of("host", r -> r.vm().refused() ? "refused" : r.vm().outcome().hostId()),
                Column.of("arrival_s", r -> seconds(r.vm().plan().arrivalNanos())),
                placed("end_s", o -> seconds(o.endNanos())),
                Column.of("reached_shell", r -> !r.vm().refused() && r.vm().outcome().boot().reachedShell())));
        for (BootPhase phase : BootPhase.values()) {
            columns.add(placed(phase.name().toLowerCase() + "_s", o -> seconds(o.boot().phases().of(phase))));
        }
        columns.addAll(List.of(
                placed("boot_to_shell_s", o -> o.boot().reachedShell() ? seconds(o.boot().toShellNanos()) : ""),
                placed("exits", HostSimulation.Outcome::exits),
                placed("accepted_at_shell_bytes", o -> o.accepted().atShellBytes()),
                placed("accepted_early_kernel_bytes", o -> o.accepted().earlyKernelBytes()),
                placed("accepted_at_end_bytes", o -> o.accepted().atEndBytes()),
                placed("committed_at_end_bytes", o -> o.atEnd().committedBytes()),
                placed("time_to_drain_s",
                        o -> o.accepted().drainedNanos() < 0 ? "" : seconds(o.accepted().drainedNanos())),
                placed("bitmap_bytes", o -> o.guest().bitmapBytes()),
                placed("e820_entries_peak", o -> o.guest().e820EntriesPeak()),
                placed("accepted_free_bytes", o -> o.guest().acceptedFreeBytes())));
        columns.addAll(overheadColumns(r -> r.vm().refused() ? null : r.vm().outcome().atEnd().overhead()));
        return List.copyOf(columns);
    }

    /** A figure of a placed VM's outcome; blank for a refused one. */
    private static Column<VmRow> placed(String name, Function<HostSimulation.Outcome, ?> figure) {
        return Column.of(name, r -> r.vm().refused() ? "" : figure.apply(r.vm().outcome()));
    }

    /** The overhead columns, one per kind and then their total; blank where a row has none. */
    private static <T> List<Column<T>> overheadColumns(Function<T, MemoryOverhead> overhead) {
        return List.of(overhead("overhead_sept_bytes", overhead, MemoryOverhead::septBytes),
                overhead("overhead_pamt_bytes", overhead, MemoryOverhead::pamtBytes),
                overhead("overhead_rmp_bytes", overhead, MemoryOverhead::rmpBytes),
                overhead("overhead_vmm_bytes", overhead, MemoryOverhead::vmmBytes),
                overhead("overhead_total_bytes", overhead, MemoryOverhead::totalBytes));
    }

    private static <T> Column<T> overhead(String name, Function<T, MemoryOverhead> overhead,
                                          Function<MemoryOverhead, Long> kind) {
        return Column.of(name, row -> {
            MemoryOverhead o = overhead.apply(row);
            return o == null ? "" : kind.apply(o);
        });
    }

    private static <T> List<Column<T>> concat(List<Column<T>> first, List<Column<T>> second) {
        List<Column<T>> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    static void writeVms(Path file, ScenarioResult r) throws IOException {
        Column.write(file, VM_COLUMNS, r.vms().stream().map(vm -> new VmRow(r.study(), vm)).toList());
    }

    static void writeHosts(Path file, ScenarioResult r) throws IOException {
        Column.write(file, HOST_COLUMNS, r.samples().stream().map(s -> new HostRow(r.study(), s)).toList());
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
