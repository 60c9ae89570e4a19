package dev.fleetsim.node.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.engine.ScenarioResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a study's results: {@code summary.json} (per scenario, with the seed and the resolved config),
 * {@code vms.csv} (one row per VM and scenario) and {@code hosts.csv} (each host's commit, sampled). Times are
 * exact decimal seconds of the virtual nanoseconds, so equal runs give equal files.
 */
public final class ResultWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultWriter() {
    }

    /**
     * What scenario {@code index} is measured against: the one its {@code compare-to} names, else the first scenario
     * that accepts eagerly; null if there is none.
     */
    static ScenarioSummary baseline(int index, List<ScenarioSummary> summaries, List<ScenarioResult> results) {
        String named = results.get(index).study().compareTo();
        for (int i = 0; i < results.size(); i++) {
            boolean eager = !results.get(i).study().policy().lazyKernel();
            if (named.isEmpty() ? eager : results.get(i).study().scenario().equals(named)) {
                return summaries.get(i);
            }
        }
        return null;
    }

    public static void write(Path dir, String study, List<ScenarioResult> results) throws IOException {
        Files.createDirectories(dir);
        List<ScenarioSummary> summaries = results.stream().map(ScenarioSummary::of).toList();
        ObjectNode root = JSON.createObjectNode();
        root.put("study", study);
        ArrayNode scenarios = root.putArray("scenarios");
        for (int i = 0; i < results.size(); i++) {
            ObjectNode node = JSON.valueToTree(summaries.get(i));
            ScenarioSummary baseline = baseline(i, summaries, results);
            if (baseline != null) {
                node.put("comparedTo", baseline.scenario());
                node.put("bootSpeedupVsBaseline", summaries.get(i).speedupVersus(baseline));
                node.put("savedVsBaselineBytes", summaries.get(i).savedBytesVersus(baseline));
                node.put("savedVsBaselinePercent", summaries.get(i).savedPercentVersus(baseline));
            }
            node.set("config", JSON.readTree(results.get(i).study().renderedConfig()));
            scenarios.add(node);
        }
        JSON.writeValue(dir.resolve("summary.json").toFile(), root);
        writeVms(dir.resolve("vms.csv"), results);
        writeHosts(dir.resolve("hosts.csv"), results);
    }

    private static void writeVms(Path file, List<ScenarioResult> results) throws IOException {
        List<String> header = new ArrayList<>(List.of("scenario", "vm_id", "class", "memory_bytes", "vcpus",
                "platform", "policy", "workload", "host", "arrival_s", "end_s", "reached_shell"));
        for (BootPhase phase : BootPhase.values()) {
            header.add(phase.name().toLowerCase() + "_s");
        }
        header.addAll(List.of("boot_to_shell_s", "exits", "accepted_at_shell_bytes", "accepted_early_kernel_bytes",
                "accepted_at_end_bytes", "committed_at_end_bytes", "time_to_drain_s"));
        try (CSVPrinter csv = printer(file, header)) {
            for (ScenarioResult r : results) {
                for (ScenarioResult.VmResult vm : r.vms()) {
                    List<Object> row = new ArrayList<>(List.of(r.study().scenario(), vm.plan().vmId(),
                            vm.plan().vmClass(), vm.plan().memoryBytes(), vm.plan().vcpus(),
                            r.study().platform().configName(), r.study().policy().configName(),
                            r.study().workload().name()));
                    HostSimulation.Outcome o = vm.outcome();
                    if (o == null) {
                        row.addAll(List.of("refused", seconds(vm.plan().arrivalNanos()), "", false));
                        for (int i = 0; i < BootPhase.values().length + 7; i++) {
                            row.add("");
                        }
                    } else {
                        row.addAll(List.of(o.hostId(), seconds(o.arrivalNanos()), seconds(o.endNanos()),
                                o.reachedShell()));
                        o.phaseNanos().forEach(n -> row.add(seconds(n)));
                        row.addAll(List.of(o.reachedShell() ? seconds(o.bootToShellNanos()) : "", o.exits(),
                                o.acceptedAtShell(), o.acceptedEarlyKernel(), o.acceptedAtEnd(), o.committedAtEnd(),
                                o.drainedNanos() < 0 ? "" : seconds(o.drainedNanos())));
                    }
                    csv.printRecord(row);
                }
            }
        }
    }

    private static void writeHosts(Path file, List<ScenarioResult> results) throws IOException {
        try (CSVPrinter csv = printer(file, List.of("scenario", "host", "time_s", "committed_bytes",
                "configured_bytes", "resident_vms"))) {
            for (ScenarioResult r : results) {
                for (HostSimulation.Snapshot s : r.samples()) {
                    csv.printRecord(r.study().scenario(), s.hostId(), seconds(s.timeNanos()), s.committedBytes(),
                            s.configuredBytes(), s.residentVms());
                }
            }
        }
    }

    /** The scenario table for the terminal. */
    public static void printTable(PrintWriter out, List<ScenarioResult> results) {
        List<ScenarioSummary> summaries = results.stream().map(ScenarioSummary::of).toList();
        out.printf("%-14s %-16s %7s %8s %8s %8s %7s %12s %12s %9s %8s%n", "scenario", "policy", "VMs", "boot-p50",
                "boot-p95", "boot-p99", "speedup", "commit-mean", "config-mean", "saved", "VMs/host");
        for (int i = 0; i < summaries.size(); i++) {
            ScenarioSummary s = summaries.get(i);
            ScenarioSummary baseline = baseline(i, summaries, results);
            String speedup = baseline == null || s.bootToShell().mean() == 0 ? "-"
                    : String.format("%.2fx", s.speedupVersus(baseline));
            String saved = baseline == null ? "-" : String.format("%.1f%%", s.savedPercentVersus(baseline));
            out.printf("%-14s %-16s %7d %7.2fs %7.2fs %7.2fs %7s %12s %12s %9s %8.1f%n", s.scenario(),
                    s.policy(), s.placed(), s.bootToShell().p50(), s.bootToShell().p95(), s.bootToShell().p99(),
                    speedup, humanBytes(s.fleetMeanCommittedBytes()), humanBytes(s.fleetMeanConfiguredBytes()),
                    saved, s.vmsPerHostPeakMean());
        }
        out.flush();
    }

    /** Bytes in the largest binary unit that keeps the number at or above one. */
    static String humanBytes(double bytes) {
        String[] units = {"B", "K", "M", "G", "T", "P"};
        int u = 0;
        while (u < units.length - 1 && bytes >= 1024) {
            bytes /= 1024;
            u++;
        }
        return String.format("%.1f%s", bytes, units[u]);
    }

    private static CSVPrinter printer(Path file, List<String> header) throws IOException {
        Writer writer = Files.newBufferedWriter(file);
        return new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .setRecordSeparator('\n').get());
    }

    private static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).toPlainString();
    }
}
