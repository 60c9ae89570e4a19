package dev.fleetsim.node.report;

import dev.fleetsim.node.results.CellStatistics;
import dev.fleetsim.node.results.Headline;
import dev.fleetsim.node.study.SweepPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn by XChart and encoded as PNG. */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    /** Points per distribution curve: enough to look smooth, few enough to keep the page small. */
    private static final int CURVE_POINTS = 400;

    private Charts() {
    }

    /** Boot-to-shell distribution per run: the boot time by which each percentage of its VMs was at the shell. */
    static byte[] bootDistribution(Map<String, double[]> sortedBootsByRun) throws IOException {
        XYChart chart = xy("Boot-to-shell time by percentile", "VMs at the shell (%)", "boot-to-shell (s)");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(100.0);
        sortedBootsByRun.forEach((run, boots) -> {
            if (boots.length > 0) {
                int points = Math.min(CURVE_POINTS, boots.length);
                double[] percent = new double[points];
                double[] seconds = new double[points];
                for (int i = 0; i < points; i++) {
                    int rank = (int) ((long) (i + 1) * boots.length / points) - 1;
                    percent[i] = 100.0 * (rank + 1) / boots.length;
                    seconds[i] = boots[rank];
                }
                line(chart, run, percent, seconds);
            }
        });
        return png(chart);
    }

    /** The fleet's committed memory over the study, per run. */
    static byte[] fleetCommit(Map<String, RunSeries> byRun) throws IOException {
        XYChart chart = xy("Host memory committed, whole fleet", "time (h)", "committed (GiB)");
        byRun.forEach((run, series) -> {
            if (series.hours().length > 0) {
                line(chart, run, series.hours(), series.fleetCommittedGib());
            }
        });
        return png(chart);
    }

    /** One headline figure per cell as bars, with 95% intervals where there are replications. */
    static byte[] perCell(Headline headline, List<CellStatistics> cells) throws IOException {
        CategoryChart chart = category(headline.label() + " per scenario", "", headline.label());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(cells.size() > 4 ? 30 : 0);
        addSeries(chart, headline.label(), headline, cells, CellStatistics::cell);
        return png(chart);
    }

    /**
     * A headline figure against one axis: the axis's values along x, one line per scenario and combination of the
     * other axes, with 95% intervals where there are replications.
     */
    static byte[] againstAxis(Headline headline, String axis, List<CellStatistics> cells) throws IOException {
        CategoryChart chart = category(headline.label() + " vs " + axis, axis, headline.label());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        Map<String, List<CellStatistics>> lines = new LinkedHashMap<>();
        for (CellStatistics cell : cells) {
            lines.computeIfAbsent(lineName(cell.point(), axis), k -> new ArrayList<>()).add(cell);
        }
        lines.forEach((name, members) -> addSeries(chart, name, headline, members, c -> valueOf(c.point(), axis)));
        return png(chart);
    }

    /** The figure of each cell that has it, at the category {@code label} names, with its interval as error bar. */
    private static void addSeries(CategoryChart chart, String name, Headline headline, List<CellStatistics> cells,
                                  Function<CellStatistics, String> label) {
        List<String> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (CellStatistics cell : cells) {
            CellStatistics.Estimate e = cell.figures().get(headline);
            if (!Double.isNaN(e.mean())) {
                x.add(label.apply(cell));
                y.add(e.mean());
                errors.add(Double.isNaN(e.halfWidth95()) ? 0 : e.halfWidth95());
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y, errors);
        }
    }

    /** The line a cell belongs to in an axis chart: its scenario and the values of the other axes. */
    static String lineName(SweepPoint point, String axis) {
        String others = point.axes().stream().filter(c -> !c.key().equals(axis)).map(SweepPoint.Coordinate::toString)
                .collect(Collectors.joining(","));
        return others.isEmpty() ? point.scenario() : point.scenario() + " [" + others + "]";
    }

    private static String valueOf(SweepPoint point, String axis) {
        return point.axes().stream().filter(c -> c.key().equals(axis)).findFirst().orElseThrow().value();
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        return chart;
    }

    private static CategoryChart category(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        return chart;
    }

    private static void style(AxesChartStyler styler) {
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setAntiAlias(true);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        // keeps x labels short (hours, percentiles); XChart 3.8 places ticks densely here with or without one
        styler.setXAxisDecimalPattern("#,##0.##");
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
