package dev.fleetsim.node.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.host.BadInputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

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
        List<String> axes = SummaryColumns.axisKeys(runs.stream().map(c -> c.run().point()).toList());
        Column.write(file, SummaryColumns.of(axes), runs);
    }

    private static void writeCellsCsv(Path file, List<CellStatistics> cells) throws IOException {
        List<String> axes = SummaryColumns.axisKeys(cells.stream().map(CellStatistics::point).toList());
        Column.write(file, SummaryColumns.cells(axes), cells);
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
