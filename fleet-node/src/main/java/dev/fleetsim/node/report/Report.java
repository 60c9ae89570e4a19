package dev.fleetsim.node.report;

import dev.fleetsim.node.results.CellStatistics;
import dev.fleetsim.node.results.Comparison;
import dev.fleetsim.node.results.Headline;
import dev.fleetsim.node.results.ResultWriter;
import dev.fleetsim.node.results.ScenarioSummary;
import dev.fleetsim.node.results.StudyResults;
import dev.fleetsim.node.study.SweepPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.html}: one self-contained page for a result folder (charts inlined as PNG, no script, nothing
 * fetched; the only script marks images that fail to decode) with the run table, the replication table and the
 * charts: boot-time distributions, fleet commit over time, savings and density per cell, and each matrix axis
 * against the headline figures it moves.
 */
public final class Report {

    /** Distributions and commit curves get crowded beyond this many runs; the first ones are drawn. */
    static final int MAX_CURVES = 12;

    /** Figures worth plotting against an axis, when the axis moves them. */
    private static final Set<Headline> AXIS_FIGURES = EnumSet.of(Headline.BOOT_P50, Headline.BOOT_SPEEDUP,
            Headline.SAVED_PERCENT, Headline.VMS_PER_HOST, Headline.REFUSED, Headline.ACCEPTED_FREE,
            Headline.BITMAP, Headline.E820_PEAK);

    private final StringBuilder html = new StringBuilder();

    private Report() {
    }

    /** Writes {@code dir/report.html} for the combined runs of {@code dir}; returns its path. */
    public static Path write(Path dir, StudyResults results) throws IOException {
        Report report = new Report();
        report.page(results);
        Path file = dir.resolve("report.html");
        Files.writeString(file, report.html);
        return file;
    }

    private void page(StudyResults results) throws IOException {
        String study = results.study();
        List<Comparison> runs = results.runs();
        List<CellStatistics> cells = results.cells();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>fleetsim: ")
                .append(escape(study)).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1200px}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px}")
                .append("td.n{text-align:right}figure{margin:1.5em 0}img{max-width:100%}")
                .append("</style></head>\n<body>\n<h1>fleetsim study: ").append(escape(study)).append("</h1>\n");
        if (runs.isEmpty()) {
            // a study whose first run failed still gets a page, and the failure its message
            html.append("<p>No run has finished.</p>\n</body></html>\n");
            return;
        }
        html.append("<p>").append(runs.size()).append(" runs in ").append(cells.size())
                .append(" cells. Speed-up and saving compare each run with its baseline at the same matrix point "
                        + "and seed. Numbers are also in summary.csv, cells.csv and summary.json.</p>\n");
        runTable(runs);
        if (cells.stream().anyMatch(c -> c.replications() > 1)) {
            cellTable(cells);
        }
        curves(results);
        perCellCharts(cells);
        axisCharts(runs, cells);
        html.append("</body></html>\n");
    }

    private void runTable(List<Comparison> runs) {
        html.append("<h2>Runs</h2>\n<table id=\"runs\"><tr><th>run</th><th>policy</th><th>platform</th>"
                + "<th>VMs placed</th><th>refused</th><th>boot p50 (s)</th><th>boot p95 (s)</th><th>boot p99 (s)</th>"
                + "<th>speed-up</th><th>saved</th><th>fleet commit, mean</th><th>VMs/host at peak</th></tr>\n");
        for (Comparison c : runs) {
            ScenarioSummary s = c.summary();
            html.append("<tr><td>").append(escape(c.run().run())).append("</td><td>").append(escape(s.policy()))
                    .append("</td><td>").append(s.platform()).append("</td>");
            cell(String.valueOf(s.placed()));
            cell(String.valueOf(s.refused()));
            cell(fixed(s.bootToShell().p50()));
            cell(fixed(s.bootToShell().p95()));
            cell(fixed(s.bootToShell().p99()));
            cell(Double.isNaN(c.speedup()) ? "-" : fixed(c.speedup()) + "x");
            cell(c.hasBaseline() ? String.format(Locale.ROOT, "%.1f%%", c.savedPercent()) : "-");
            cell(ResultWriter.humanBytes(s.fleetMeanCommittedBytes()));
            cell(String.format(Locale.ROOT, "%.1f", s.vmsPerHostPeakMean()));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private void cellTable(List<CellStatistics> cells) {
        List<Headline> shown = List.of(Headline.BOOT_P50, Headline.BOOT_SPEEDUP, Headline.SAVED_PERCENT,
                Headline.VMS_PER_HOST);
        html.append("<h2>Over replications: mean &plusmn; 95% interval</h2>\n<table id=\"cells\"><tr><th>cell</th>"
                + "<th>replications</th>");
        shown.forEach(h -> html.append("<th>").append(escape(h.label())).append("</th>"));
        html.append("</tr>\n");
        for (CellStatistics cell : cells) {
            html.append("<tr><td>").append(escape(cell.cell())).append("</td>");
            cell(String.valueOf(cell.replications()));
            for (Headline h : shown) {
                CellStatistics.Estimate e = cell.figures().get(h);
                cell(Double.isNaN(e.mean()) ? "-" : fixed(e.mean())
                        + (Double.isNaN(e.halfWidth95()) ? "" : " &plusmn; " + fixed(e.halfWidth95())));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** Boot distributions and commit curves of the first replication's runs. */
    private void curves(StudyResults results) throws IOException {
        List<Comparison> runs = results.runs();
        Map<String, double[]> boots = new LinkedHashMap<>();
        Map<String, RunSeries> commit = new LinkedHashMap<>();
        for (int i = 0; i < runs.size() && boots.size() < MAX_CURVES; i++) {
            SweepPoint point = runs.get(i).run().point();
            if (point.replication() == 0) {
                RunSeries series = RunSeries.read(results.runDirs().get(i));
                boots.put(runs.get(i).run().run(), series.bootSeconds());
                commit.put(runs.get(i).run().run(), series);
            }
        }
        String note = boots.size() < runs.size() ? " (first replication, at most " + MAX_CURVES + " runs)" : "";
        figure("boot-distribution", "Boot-to-shell time per run" + note, Charts.bootDistribution(boots));
        figure("fleet-commit", "Host memory committed over time, whole fleet" + note, Charts.fleetCommit(commit));
    }

    private void perCellCharts(List<CellStatistics> cells) throws IOException {
        if (cells.stream().anyMatch(c -> !Double.isNaN(c.figures().get(Headline.SAVED_PERCENT).mean()))) {
            figure("savings", "Fleet memory saved against each baseline", Charts.perCell(Headline.SAVED_PERCENT,
                    cells));
        }
        figure("density", "VMs per host at each host's peak, mean over used hosts",
                Charts.perCell(Headline.VMS_PER_HOST, cells));
    }

    /** For each axis, the headline figures that differ between its values. */
    private void axisCharts(List<Comparison> runs, List<CellStatistics> cells) throws IOException {
        if (runs.isEmpty()) {
            return;
        }
        for (SweepPoint.Coordinate axis : runs.get(0).run().point().axes()) {
            for (Headline h : AXIS_FIGURES) {
                if (movesAlong(h, axis.key(), cells)) {
                    figure("axis-" + axis.key() + "-" + h.column(), h.label() + " against " + axis.key(),
                            Charts.againstAxis(h, axis.key(), cells));
                }
            }
        }
    }

    /** Whether some line of the axis chart (a scenario at fixed other axes) is not flat. */
    private static boolean movesAlong(Headline h, String axis, List<CellStatistics> cells) {
        Map<String, double[]> ranges = new LinkedHashMap<>();
        for (CellStatistics cell : cells) {
            double v = cell.figures().get(h).mean();
            if (Double.isNaN(v)) {
                continue;
            }
            double[] range = ranges.computeIfAbsent(Charts.lineName(cell.point(), axis),
                    k -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
            range[0] = Math.min(range[0], v);
            range[1] = Math.max(range[1], v);
        }
        return ranges.values().stream().anyMatch(r -> r[1] - r[0] > 1e-3 * Math.max(1e-9, Math.abs(r[1])));
    }

    private void figure(String id, String caption, byte[] png) {
        String anchor = "chart-" + id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        // an image that fails to decode marks the page, for a headless browser's check
        html.append("<figure id=\"").append(anchor).append("\"><img alt=\"").append(escape(caption))
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\" onerror=\"document.documentElement.setAttribute('data-broken-images','yes')\">")
                .append("<figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    }

    private void cell(String text) {
        html.append("<td class=\"n\">").append(text).append("</td>");
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
