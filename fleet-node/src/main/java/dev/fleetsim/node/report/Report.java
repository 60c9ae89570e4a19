package dev.fleetsim.node.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleetsim.node.results.CellStatistics;
import dev.fleetsim.node.results.Comparison;
import dev.fleetsim.node.results.Headline;
import dev.fleetsim.node.results.Percentiles;
import dev.fleetsim.node.results.ResultWriter;
import dev.fleetsim.node.results.ScenarioSummary;
import dev.fleetsim.node.results.StudyResults;
import dev.fleetsim.node.study.SweepPoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code report.html}: one self-contained page for a result folder that answers the study's question. It opens
 * with the question and what to look at ({@link StudyHeader}), then the answer ({@link AnswerTable}), the charts
 * (ECharts, inlined with the page's script, so the page opens offline from one file), boot time per VM class,
 * the run and replication tables, and a footer with how the results were made and the files they are in.
 */
public final class Report {

    /** Distributions and commit curves get crowded beyond this many runs; the first ones are drawn. */
    static final int MAX_CURVES = 12;
    /** The ECharts build the webjar in the pom ships; the two versions go together. */
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Figures worth plotting against an axis, when the axis moves them. */
    private static final Set<Headline> AXIS_FIGURES = EnumSet.of(Headline.BOOT_P50, Headline.BOOT_SPEEDUP,
            Headline.SAVED_PERCENT, Headline.VMS_PER_HOST, Headline.REFUSED, Headline.ACCEPTED_FREE,
            Headline.BITMAP, Headline.E820_PEAK);

    private final StringBuilder html = new StringBuilder();
    private final List<Chart> charts = new ArrayList<>();

    private Report() {
    }

    /** Writes {@code dir/report.html} for the combined runs of {@code dir}; returns its path. */
    public static Path write(Path dir, StudyResults results) throws IOException {
        Report report = new Report();
        report.page(results, StudyHeader.read(dir));
        Path file = dir.resolve("report.html");
        Files.writeString(file, report.html);
        return file;
    }

    private void page(StudyResults results, StudyHeader header) throws IOException {
        String study = results.study();
        List<Comparison> runs = results.runs();
        List<CellStatistics> cells = results.cells();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>fleetsim: ")
                .append(escape(study)).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1200px}")
                .append("table{border-collapse:collapse;font-size:13px;margin:0.8em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 6px}td.n{text-align:right}")
                .append(".answers{display:flex;flex-wrap:wrap;gap:0 1.5em;align-items:flex-start}")
                .append("caption{text-align:left;font-weight:bold;padding:4px 0}small{color:#555}")
                .append(".question{font-size:16px;background:#f4f6fa;padding:0.6em 1em;border-left:4px solid #1f77b4}")
                .append(".note{background:#fff4e0;padding:0.4em 1em}figure{margin:1.5em 0}")
                .append(".chart{width:100%;height:460px}footer{margin-top:3em;font-size:13px;color:#333}")
                .append("pre{font-size:11px;background:#f7f7f7;padding:0.5em;overflow:auto;max-height:30em}")
                .append("</style></head>\n<body>\n<h1>fleetsim study: ").append(escape(study)).append("</h1>\n");
        question(header);
        if (runs.isEmpty()) {
            // a study whose first run failed still gets a page, and the failure its message
            html.append("<p>No run has finished.</p>\n</body></html>\n");
            return;
        }
        AnswerTable answer = new AnswerTable(runs, cells, Report::number);
        html.append("<h2 id=\"answer\">Answer</h2>\n<p>").append(runs.size()).append(" runs in ").append(cells.size())
                .append(" cells. Each figure per scenario (rows) and matrix point (columns), with its difference "
                        + "from the baseline run at the same point and seed (speed-up and saving compare with it "
                        + "already)").append(cells.stream().anyMatch(c -> c.replications() > 1)
                        ? "; &plusmn; is the 95% interval over the replications." : ".").append("</p>\n");
        html.append("<div class=\"answers\">\n");
        answer.append(html);
        html.append("</div>\n");
        curves(results);
        OverheadChart.of(runs).ifPresent(charts::add);
        perCellCharts(cells);
        axisCharts(runs, cells);
        html.append("<h2 id=\"charts\">Charts</h2>\n<p><small>Hover for exact values, click a legend entry to hide "
                + "its series, drag or scroll to zoom, the toolbox switches the y axis between linear and log."
                + "</small></p>\n");
        charts.forEach(c -> html.append("<figure id=\"").append(anchor(c)).append("\"><div class=\"chart\" "
                + "data-chart=\"").append(c.id()).append("\"></div></figure>\n"));
        byClass(runs);
        runTable(runs);
        if (cells.stream().anyMatch(c -> c.replications() > 1)) {
            cellTable(cells);
        }
        footer(header, runs);
        scripts();
        html.append("</body></html>\n");
    }

    /** The figure's anchor on the page: {@code chart-} and the chart's id in lower case and dashes. */
    static String anchor(Chart chart) {
        return "chart-" + chart.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private void question(StudyHeader header) {
        if (header == null) {
            html.append("<p class=\"question\">This folder records no study header (written by an older "
                    + "fleetsim); the study's file says what it asks.</p>\n");
            return;
        }
        html.append("<div class=\"question\" id=\"question\"><p>").append(escape(header.question())).append("</p>");
        if (!header.lookAt().isEmpty()) {
            html.append("<p><b>Look at:</b> ").append(escape(header.lookAt())).append("</p>");
        }
        html.append("</div>\n");
        if (!header.vmsNote().isEmpty()) {
            html.append("<p class=\"note\" id=\"vms-note\">").append(escape(header.vmsNote())).append("</p>\n");
        }
    }

    /** Boot distributions and commit curves of the first replication's runs. */
    private void curves(StudyResults results) throws IOException {
        List<Comparison> runs = results.runs();
        Map<String, double[]> boots = new LinkedHashMap<>();
        Map<String, RunSeries> commit = new LinkedHashMap<>();
        for (int i = 0; i < runs.size() && boots.size() < MAX_CURVES; i++) {
            if (runs.get(i).run().point().replication() == 0) {
                RunSeries series = RunSeries.read(results.runDirs().get(i));
                boots.put(runs.get(i).run().run(), series.bootSeconds());
                commit.put(runs.get(i).run().run(), series);
            }
        }
        charts.add(Charts.bootDistribution(boots));
        charts.add(Charts.fleetCommit(commit));
    }

    /** Savings and density per cell, each only when the cells differ in it (equal bars say nothing). */
    private void perCellCharts(List<CellStatistics> cells) {
        List<CellStatistics> compared = cells.stream()
                .filter(c -> c.figures().get(Headline.SAVED_PERCENT).mean() != 0).toList();
        if (differ(Headline.SAVED_PERCENT, compared)) {
            charts.add(Charts.perCell("savings", Headline.SAVED_PERCENT, compared));
        }
        if (differ(Headline.VMS_PER_HOST, cells)) {
            charts.add(Charts.perCell("density", Headline.VMS_PER_HOST, cells));
        }
    }

    /** Whether the figure's means differ by more than a hundredth of the largest, across cells that have it. */
    private static boolean differ(Headline h, List<CellStatistics> cells) {
        double[] v = cells.stream().mapToDouble(c -> c.figures().get(h).mean()).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length < 2) {
            return false;
        }
        double max = Arrays.stream(v).max().getAsDouble();
        double min = Arrays.stream(v).min().getAsDouble();
        return max - min > 0.01 * Math.max(Math.abs(max), Math.abs(min));
    }

    /** For each axis, the headline figures that differ between its values. */
    private void axisCharts(List<Comparison> runs, List<CellStatistics> cells) {
        for (SweepPoint.Coordinate axis : runs.get(0).run().point().axes()) {
            for (Headline h : AXIS_FIGURES) {
                if (movesAlong(h, axis.key(), cells)) {
                    charts.add(Charts.againstAxis(h, axis.key(), cells));
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

    /** Boot-to-shell per VM class, for the first replication's runs. */
    private void byClass(List<Comparison> runs) {
        List<Comparison> shown = runs.stream().filter(c -> c.run().point().replication() == 0).toList();
        Set<String> classes = new TreeSet<>();
        shown.forEach(c -> classes.addAll(c.summary().bootToShellByClass().keySet()));
        html.append("<h2 id=\"classes\">Boot-to-shell per VM class</h2>\n<p>p50 / p99 in seconds, and how many VMs "
                + "of the class reached the shell (first replication).</p>\n<table id=\"by-class\"><tr><th>run</th>");
        classes.forEach(k -> html.append("<th>").append(escape(k)).append("</th>"));
        html.append("</tr>\n");
        for (Comparison c : shown) {
            html.append("<tr><td>").append(escape(c.run().run())).append("</td>");
            for (String k : classes) {
                Percentiles p = c.summary().bootToShellByClass().get(k);
                cell(p == null || p.count() == 0 ? "-" : fixed(p.p50()) + " / " + fixed(p.p99()) + " <small>("
                        + p.count() + ")</small>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private void runTable(List<Comparison> runs) {
        html.append("<h2 id=\"runs-heading\">Runs</h2>\n<table id=\"runs\"><tr><th>run</th><th>policy</th>"
                + "<th>platform</th><th>VMs placed</th><th>refused</th><th>boot p50 (s)</th><th>boot p95 (s)</th>"
                + "<th>boot p99 (s)</th><th>speed-up</th><th>saved</th><th>fleet commit, mean</th>"
                + "<th>VMs/host at peak</th></tr>\n");
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

    private void footer(StudyHeader header, List<Comparison> runs) throws IOException {
        html.append("<footer id=\"made\"><h2>How these results were made</h2>\n<ul>");
        if (header != null) {
            item("study", escape(header.source()));
            item("command", "<code>" + escape(header.commandLine()) + "</code>");
            item("fleetsim", escape(header.version()));
        }
        long seed = runs.get(0).run().seed() - runs.get(0).run().point().replication();
        item("seed", seed + (runs.get(0).run().point().replications() > 1 ? " (replication r runs with seed + r - 1)"
                : ""));
        item("report written", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        StringBuilder files = new StringBuilder();
        for (String f : List.of("summary.json", "summary.csv", "cells.csv", "vms.csv", "hosts.csv")) {
            files.append("<a href=\"").append(f).append("\">").append(f).append("</a> ");
        }
        item("files", files.toString().strip());
        html.append("</ul>\n<details><summary>Resolved config of ").append(escape(runs.get(0).run().run()))
                .append(" (every run's is in summary.json)</summary><pre>")
                .append(escape(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(runs.get(0).run().config())))
                .append("</pre></details></footer>\n");
    }

    private void item(String name, String value) {
        html.append("<li><b>").append(name).append(":</b> ").append(value).append("</li>\n");
    }

    /** The charts' data, the chart library and the script that draws one with the other, all inline. */
    private void scripts() throws IOException {
        String data = JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(charts);
        html.append("<script type=\"application/json\" id=\"chart-data\">").append(data.replace("</", "<\\/"))
                .append("</script>\n<script>").append(resource(ECHARTS)).append("</script>\n<script>")
                .append(resource("report.js")).append("</script>\n");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Report.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void cell(String text) {
        html.append("<td class=\"n\">").append(text).append("</td>");
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Two decimals below a thousand, whole numbers with thousands separators above. */
    static String number(double value) {
        return Math.abs(value) >= 1000 ? String.format(Locale.ROOT, "%,.0f", value) : fixed(value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
