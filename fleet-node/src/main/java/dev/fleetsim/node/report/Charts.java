package dev.fleetsim.node.report;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.fleetsim.node.results.CellStatistics;
import dev.fleetsim.node.results.Headline;
import dev.fleetsim.node.study.SweepPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The report's charts as {@link Chart} data. Scales are chosen from the data: a log scale where values span more
 * than {@link #LOG_SPAN} (short boots would sit flat under long ones), fleet memory in TiB once it reaches one,
 * time in minutes for studies of a few hours, a numeric axis for numeric matrix values.
 */
final class Charts {

    /** Points per distribution curve: enough to look smooth, few enough to keep the page small. */
    private static final int CURVE_POINTS = 400;
    /** Highest over lowest value beyond which a linear scale flattens the low ones. */
    static final double LOG_SPAN = 30;

    private Charts() {
    }

    /** Boot-to-shell distribution per run: the boot time by which each percentage of its VMs was at the shell. */
    static Chart bootDistribution(Map<String, double[]> sortedBootsByRun) {
        List<Chart.Series> series = new ArrayList<>();
        sortedBootsByRun.forEach((run, boots) -> {
            if (boots.length > 0) {
                int points = Math.min(CURVE_POINTS, boots.length);
                List<double[]> curve = new ArrayList<>();
                for (int i = 0; i < points; i++) {
                    int rank = (int) ((long) (i + 1) * boots.length / points) - 1;
                    curve.add(new double[] {100.0 * (rank + 1) / boots.length, boots[rank]});
                }
                series.add(new Chart.Series(run, curve));
            }
        });
        return new Chart("boot-distribution", "Boot-to-shell time by percentile of VMs", Chart.Kind.line,
                Chart.Axis.linear("VMs at the shell (%)", "%"), yAxis("boot-to-shell (s)", "s", series), series);
    }

    /** The fleet's committed memory over the study, per run. */
    static Chart fleetCommit(Map<String, RunSeries> byRun) {
        double maxHours = byRun.values().stream().flatMapToDouble(s -> Arrays.stream(s.hours())).max()
                .orElse(0);
        double maxGib = byRun.values().stream().flatMapToDouble(s -> Arrays.stream(s.fleetCommittedGib()))
                .max().orElse(0);
        boolean minutes = maxHours <= 3;
        boolean tib = maxGib >= 1024;
        List<Chart.Series> series = new ArrayList<>();
        byRun.forEach((run, s) -> {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < s.hours().length; i++) {
                points.add(new double[] {s.hours()[i] * (minutes ? 60 : 1),
                    s.fleetCommittedGib()[i] / (tib ? 1024 : 1)});
            }
            if (!points.isEmpty()) {
                series.add(new Chart.Series(run, points));
            }
        });
        String unit = tib ? "TiB" : "GiB";
        return new Chart("fleet-commit", "Host memory committed over time, whole fleet", Chart.Kind.line,
                Chart.Axis.linear(minutes ? "time (min)" : "time (h)", minutes ? "min" : "h"),
                Chart.Axis.linear("committed (" + unit + ")", unit), series);
    }

    /** One headline figure per cell as bars, with 95% intervals where there are replications. */
    static Chart perCell(String id, Headline headline, List<CellStatistics> cells) {
        List<String> labels = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (CellStatistics cell : cells) {
            CellStatistics.Estimate e = cell.figures().get(headline);
            if (!Double.isNaN(e.mean())) {
                points.add(point(labels.size(), e));
                labels.add(cell.cell());
            }
        }
        List<Chart.Series> series = List.of(new Chart.Series(name(headline), points));
        return new Chart(id, capitalised(name(headline)) + " per cell", Chart.Kind.bar,
                Chart.Axis.categories("cell", labels), Chart.Axis.linear(headline.label(), unit(headline)), series);
    }

    /**
     * A headline figure against one axis: the axis's values along x (on a numeric scale when they are numbers or
     * sizes and there are three or more), one line per scenario and combination of the other axes, with 95%
     * intervals where there are replications.
     */
    static Chart againstAxis(Headline headline, String axis, List<CellStatistics> cells) {
        List<String> values = cells.stream().map(c -> valueOf(c.point(), axis)).distinct().toList();
        List<Double> numeric = values.stream().map(Charts::numeric).flatMap(Optional::stream).toList();
        boolean onScale = numeric.size() == values.size() && values.size() >= 3;
        boolean sizes = onScale && values.stream().anyMatch(v -> !isNumber(v));
        Chart.Axis x;
        if (!onScale) {
            x = Chart.Axis.categories(axis, values);
        } else if (sizes) {
            x = Chart.Axis.log(axis, "bytes", 2);
        } else {
            x = spans(numeric) ? Chart.Axis.log(axis, "", 10) : Chart.Axis.linear(axis, "");
        }
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (CellStatistics cell : cells) {
            CellStatistics.Estimate e = cell.figures().get(headline);
            if (!Double.isNaN(e.mean())) {
                String value = valueOf(cell.point(), axis);
                double at = onScale ? numeric(value).orElseThrow() : values.indexOf(value);
                lines.computeIfAbsent(lineName(cell.point(), axis), k -> new ArrayList<>()).add(point(at, e));
            }
        }
        List<Chart.Series> series = lines.entrySet().stream().map(l -> new Chart.Series(l.getKey(), l.getValue()))
                .toList();
        return new Chart("axis-" + axis + "-" + headline.column(), capitalised(name(headline)) + " by " + axis,
                Chart.Kind.line, x, yAxis(headline.label(), unit(headline), series), series);
    }

    /** The line a cell belongs to in an axis chart: its scenario and the values of the other axes. */
    static String lineName(SweepPoint point, String axis) {
        String others = point.axes().stream().filter(c -> !c.key().equals(axis)).map(SweepPoint.Coordinate::toString)
                .collect(Collectors.joining(","));
        return others.isEmpty() ? point.scenario() : point.scenario() + " [" + others + "]";
    }

    /** A headline's label without its unit: "boot-to-shell p50 (s)" is "boot-to-shell p50". */
    static String name(Headline headline) {
        return headline.label().replaceFirst("\\s*\\([^)]*\\)$", "");
    }

    /** The unit in a headline's label, empty if it has none. */
    static String unit(Headline headline) {
        Matcher m = Pattern.compile("\\(([^)]*)\\)$").matcher(headline.label());
        return m.find() ? m.group(1) : "";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A y axis on a log scale when the series' positive values span too much for a linear one. */
    private static Chart.Axis yAxis(String name, String unit, List<Chart.Series> series) {
        List<Double> ys = series.stream().flatMap(s -> s.points().stream()).map(p -> p[1]).toList();
        boolean positive = !ys.isEmpty() && ys.stream().allMatch(v -> v > 0);
        return positive && spans(ys) ? Chart.Axis.log(name, unit, 10) : Chart.Axis.linear(name, unit);
    }

    private static boolean spans(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max / min > LOG_SPAN;
    }

    private static double[] point(double x, CellStatistics.Estimate e) {
        return Double.isNaN(e.halfWidth95()) ? new double[] {x, e.mean()}
                : new double[] {x, e.mean(), e.mean() - e.halfWidth95(), e.mean() + e.halfWidth95()};
    }

    private static String valueOf(SweepPoint point, String axis) {
        return point.axes().stream().filter(c -> c.key().equals(axis)).findFirst().orElseThrow().value();
    }

    /** An axis value as a number: plain, or a size such as 128G in bytes. */
    static Optional<Double> numeric(String value) {
        if (isNumber(value)) {
            return Optional.of(Double.parseDouble(value));
        }
        try {
            return Optional.of((double) ConfigFactory.parseString("v = \"" + value + "\"").getBytes("v"));
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
