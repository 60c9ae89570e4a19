package dev.fleetsim.node.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.host.BadInputException;
import dev.fleetsim.node.study.SweepPoint;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.apache.commons.csv.CSVPrinter;

/**
 * Combines a result folder's finished runs ({@link RunStore}) into the study's results: {@code summary.json} (per
 * run, with its matrix point, baseline comparison and resolved config; per cell, means and 95% intervals over
 * replications), {@code summary.csv} (one row per run, for spreadsheets), {@code cells.csv} (one row per cell) and
 * {@code vms.csv} / {@code hosts.csv} (every run's rows, one header).
 */
public final class ResultWriter {

    /** Where the combined files are written before they replace the old ones. */
    static final String ASIDE = ".combined.partial";
    private static final String SUMMARY_JSON = "summary.json";
    private static final String SUMMARY_CSV = "summary.csv";
    private static final String CELLS_CSV = "cells.csv";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultWriter() {
    }

    /** The finished runs under {@code dir}, in study order (not a {@code .partial} one being written). */
    public static List<Path> finishedRuns(Path dir) throws IOException {
        return storedRuns(dir).stream().filter(p -> Files.isRegularFile(p.resolve("run.json"))).toList();
    }

    /**
     * Every run folder under {@code dir} ({@code runs/NNNN}), whole or not: a run's folder is renamed into place
     * with its run.json, so one without is damaged, not a run still to come.
     */
    private static List<Path> storedRuns(Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (var list = Files.list(runs)) {
            return list.filter(p -> p.getFileName().toString().matches("\\d+") && Files.isDirectory(p)).sorted()
                    .toList();
        }
    }

    /**
     * Writes the combined results of every finished run under {@code dir} and returns them. Every run is checked
     * first (a damaged one is refused by name), and the files are written aside and renamed over the old ones only
     * once all are written, so a failure (a full disk) leaves the last good combined files in place.
     */
    public static StudyResults combine(Path dir) throws IOException {
        for (Path run : storedRuns(dir)) {
            Optional<String> damage = RunStore.damage(run);
            if (damage.isPresent()) {
                throw new BadInputException(run + ": damaged run (" + damage.get() + "); run the study again "
                        + "with --out " + dir + " to run it again");
            }
        }
        List<Path> runDirs = finishedRuns(dir);
        List<RunRecord> records = runDirs.stream().map(RunStore::read).toList();
        String study = records.isEmpty() ? dir.getFileName().toString() : records.get(0).study();
        List<Comparison> runs = Comparison.of(records);
        List<CellStatistics> cells = CellStatistics.of(runs);
        Path aside = dir.resolve(ASIDE);
        Files.createDirectories(aside);
        writeSummaryJson(aside.resolve(SUMMARY_JSON), study, runs, cells);
        writeSummaryCsv(aside.resolve(SUMMARY_CSV), runs);
        writeCellsCsv(aside.resolve(CELLS_CSV), cells);
        concatenate(aside.resolve(RunFiles.VMS), runDirs, RunFiles.VMS);
        concatenate(aside.resolve(RunFiles.HOSTS), runDirs, RunFiles.HOSTS);
        for (String name : List.of(SUMMARY_JSON, SUMMARY_CSV, CELLS_CSV, RunFiles.VMS, RunFiles.HOSTS)) {
            Files.move(aside.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        Files.delete(aside);
        return new StudyResults(study, runs, cells, runDirs);
    }

    private static void writeSummaryJson(Path file, String study, List<Comparison> runs,
                                         List<CellStatistics> cells) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("study", study);
        ArrayNode scenarios = root.putArray("scenarios");
        for (Comparison c : runs) {
            ObjectNode node = JSON.valueToTree(c.summary());
            node.put("scenario", c.run().run());
            node.put("cell", c.run().point().cell());
            node.put("baseScenario", c.run().point().scenario());
            node.put("replication", c.run().point().replication() + 1);
            ObjectNode axes = node.putObject("axes");
            c.run().point().axes().forEach(a -> axes.put(a.key(), a.value()));
            if (c.hasBaseline()) {
                node.put("comparedTo", c.baseline().run());
                node.put("bootSpeedupVsBaseline", c.speedup());
                node.put("savedVsBaselineBytes", c.savedBytes());
                node.put("savedVsBaselinePercent", c.savedPercent());
                node.put("savedTotalVsBaselineBytes", c.savedTotalBytes());
                node.put("savedTotalVsBaselinePercent", c.savedTotalPercent());
            }
            node.set("config", c.run().config());
            scenarios.add(node);
        }
        ArrayNode cellNodes = root.putArray("cells");
        for (CellStatistics cell : cells) {
            ObjectNode node = cellNodes.addObject();
            node.put("cell", cell.cell());
            node.put("replications", cell.replications());
            ObjectNode figures = node.putObject("figures");
            cell.figures().forEach((h, e) -> {
                ObjectNode f = figures.putObject(h.column());
                f.put("mean", e.mean());
                f.put("ci95", e.halfWidth95());
            });
        }
        JSON.writeValue(file.toFile(), withNulls(root));
    }

    private static void writeSummaryCsv(Path file, List<Comparison> runs) throws IOException {
        List<String> axes = axisKeys(runs.stream().map(c -> c.run().point()).toList());
        List<String> header = new ArrayList<>(List.of("run", "scenario"));
        header.addAll(axes);
        header.addAll(List.of("replication", "seed", "platform", "policy", "workload", "vms", "placed", "refused",
                "reached_shell", "boot_mean_s", "boot_p50_s", "boot_p95_s", "boot_p99_s", "compared_to",
                "boot_speedup", "saved_percent", "fleet_mean_committed_bytes", "fleet_peak_committed_bytes",
                "fleet_mean_configured_bytes", "hosts_used", "vms_per_host_peak_mean", "vms_per_host_peak_max",
                "exits", "pressure_events", "accepted_at_shell_mean_bytes", "accepted_early_kernel_mean_bytes",
                "time_to_drain_p50_s", "bitmap_mean_bytes", "e820_entries_peak_p99", "vms_over_e820_limit",
                "accepted_free_mean_bytes"));
        try (CSVPrinter csv = RunFiles.printer(file, header)) {
            for (Comparison c : runs) {
                ScenarioSummary s = c.summary();
                SweepPoint p = c.run().point();
                List<Object> row = new ArrayList<>(List.of(c.run().run(), p.scenario()));
                p.axes().forEach(a -> row.add(a.value()));
                row.addAll(List.of(p.replication() + 1, s.seed(), s.platform(), s.policy(), s.workload(), s.vms(),
                        s.placed(), s.refused(), s.reachedShell(), orBlank(s.bootToShell(), Percentiles::mean),
                        orBlank(s.bootToShell(), Percentiles::p50), orBlank(s.bootToShell(), Percentiles::p95),
                        orBlank(s.bootToShell(), Percentiles::p99), c.hasBaseline() ? c.baseline().run() : "",
                        blankIfNaN(c.speedup()), blankIfNaN(c.savedPercent()), s.fleetMeanCommittedBytes(),
                        s.fleetPeakCommittedBytes(), s.fleetMeanConfiguredBytes(), s.hostsUsed(),
                        s.vmsPerHostPeakMean(), s.vmsPerHostPeakMax(), s.exits(), s.pressureEvents(),
                        s.acceptedAtShellMeanBytes(), s.acceptedEarlyKernelMeanBytes(),
                        orBlank(s.timeToDrain(), Percentiles::p50), s.bitmapMeanBytes(),
                        orBlank(s.e820EntriesPeak(), Percentiles::p99),
                        s.vmsOverE820Limit(), s.acceptedFreeMeanBytes()));
                csv.printRecord(row);
            }
        }
    }

    private static void writeCellsCsv(Path file, List<CellStatistics> cells) throws IOException {
        List<String> axes = axisKeys(cells.stream().map(CellStatistics::point).toList());
        List<String> header = new ArrayList<>(List.of("cell", "scenario"));
        header.addAll(axes);
        header.add("replications");
        for (Headline h : Headline.values()) {
            header.add(h.column() + "_mean");
            header.add(h.column() + "_ci95");
        }
        try (CSVPrinter csv = RunFiles.printer(file, header)) {
            for (CellStatistics cell : cells) {
                List<Object> row = new ArrayList<>(List.of(cell.cell(), cell.point().scenario()));
                cell.point().axes().forEach(a -> row.add(a.value()));
                row.add(cell.replications());
                cell.figures().values().forEach(e -> {
                    row.add(blankIfNaN(e.mean()));
                    row.add(blankIfNaN(e.halfWidth95()));
                });
                csv.printRecord(row);
            }
        }
    }

    /** The matrix's axis keys, which every point of a study has alike. */
    private static List<String> axisKeys(List<SweepPoint> points) {
        return points.isEmpty() ? List.of() : points.get(0).axes().stream().map(SweepPoint.Coordinate::key).toList();
    }

    /** A percentile of values there are none of is no number: blank, where a zero would read as one. */
    private static Object orBlank(Percentiles p, ToDoubleFunction<Percentiles> figure) {
        return p.count() == 0 ? "" : figure.applyAsDouble(p);
    }

    /**
     * summary.json without figures that are not numbers: NaN (a speed-up without a baseline, an interval of one
     * replication) becomes null, the count beside it saying why, and a percentile block of no values becomes null
     * rather than zeros a reader would take for measurements.
     */
    static JsonNode withNulls(JsonNode node) {
        if (node.isDouble() && !Double.isFinite(node.asDouble())) {
            return NullNode.getInstance();
        }
        boolean emptyPercentiles = node.isObject() && node.size() == 5 && node.has("p50") && node.has("count")
                && node.get("count").asInt() == 0;
        if (emptyPercentiles) {
            return NullNode.getInstance();
        }
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> e.setValue(withNulls(e.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, withNulls(array.get(i)));
            }
        }
        return node;
    }

    private static Object blankIfNaN(double value) {
        return Double.isNaN(value) ? "" : value;
    }

    /** One file of every run's rows under a single header. */
    private static void concatenate(Path target, List<Path> runDirs, String name) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(target)) {
            boolean headerWritten = false;
            for (Path dir : runDirs) {
                try (BufferedReader in = Files.newBufferedReader(dir.resolve(name))) {
                    String header = in.readLine();
                    if (!headerWritten && header != null) {
                        out.write(header);
                        out.write('\n');
                        headerWritten = true;
                    }
                    in.transferTo(out);
                }
            }
        }
    }

    /** The run table for the terminal. */
    public static void printTable(PrintWriter out, List<Comparison> runs) {
        int width = Math.max(14, runs.stream().mapToInt(c -> c.run().run().length()).max().orElse(0));
        String names = "%-" + width + "s";
        out.printf(names + " %-16s %7s %8s %8s %8s %7s %12s %12s %9s %8s%n", "scenario", "policy", "VMs",
                "boot-p50", "boot-p95", "boot-p99", "speedup", "commit-mean", "config-mean", "saved", "VMs/host");
        for (Comparison c : runs) {
            ScenarioSummary s = c.summary();
            String speedup = Double.isNaN(c.speedup()) ? "-" : String.format("%.2fx", c.speedup());
            String saved = c.hasBaseline() ? String.format("%.1f%%", c.savedPercent()) : "-";
            out.printf(names + " %-16s %7d %7.2fs %7.2fs %7.2fs %7s %12s %12s %9s %8.1f%n", c.run().run(),
                    s.policy(), s.placed(), s.bootToShell().p50(), s.bootToShell().p95(), s.bootToShell().p99(),
                    speedup, humanBytes(s.fleetMeanCommittedBytes()), humanBytes(s.fleetMeanConfiguredBytes()),
                    saved, s.vmsPerHostPeakMean());
        }
        out.flush();
    }

    /** Bytes in the largest binary unit that keeps the number at or above one. */
    public static String humanBytes(double bytes) {
        String[] units = {"B", "K", "M", "G", "T", "P"};
        int u = 0;
        while (u < units.length - 1 && bytes >= 1024) {
            bytes /= 1024;
            u++;
        }
        return String.format("%.1f%s", bytes, units[u]);
    }
}
