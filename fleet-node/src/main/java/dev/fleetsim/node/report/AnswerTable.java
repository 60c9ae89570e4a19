package dev.fleetsim.node.report;

import dev.fleetsim.node.results.CellStatistics;
import dev.fleetsim.node.results.Comparison;
import dev.fleetsim.node.results.Headline;
import dev.fleetsim.node.study.SweepPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The report's answer: for each headline figure a pivot of scenario (rows) by matrix point (columns), each cell
 * the figure's mean over replications and, for figures that are not already relative to the baseline, its
 * difference from the baseline at the same point and seed; both with their 95% interval when there are
 * replications.
 */
final class AnswerTable {

    /** Figures every answer shows. */
    private static final List<Headline> ALWAYS = List.of(Headline.BOOT_P50, Headline.BOOT_SPEEDUP,
            Headline.SAVED_PERCENT, Headline.FLEET_MEAN_COMMITTED, Headline.VMS_PER_HOST);
    /** Figures shown when some cell differs from another in them. */
    private static final List<Headline> WHEN_THEY_MOVE = List.of(Headline.REFUSED, Headline.ACCEPTED_FREE,
            Headline.BITMAP, Headline.E820_PEAK);
    /** Figures that compare with the baseline already. */
    private static final Set<Headline> RELATIVE = Set.of(Headline.BOOT_SPEEDUP, Headline.SAVED_PERCENT);

    private final List<Comparison> runs;
    private final List<CellStatistics> cells;
    private final Map<String, Comparison> byName;
    private final Function<Double, String> number;

    AnswerTable(List<Comparison> runs, List<CellStatistics> cells, Function<Double, String> number) {
        this.runs = runs;
        this.cells = cells;
        this.number = number;
        this.byName = runs.stream().collect(Collectors.toMap(c -> c.run().run(), c -> c, (a, b) -> a,
                LinkedHashMap::new));
    }

    /** The headline figures the answer shows for these cells. */
    List<Headline> figures() {
        List<Headline> shown = new ArrayList<>(ALWAYS);
        for (Headline h : WHEN_THEY_MOVE) {
            double[] means = cells.stream().mapToDouble(c -> c.figures().get(h).mean()).filter(v -> !Double.isNaN(v))
                    .toArray();
            if (means.length > 0 && Arrays.stream(means).max().getAsDouble()
                    > Arrays.stream(means).min().getAsDouble()) {
                shown.add(h);
            }
        }
        return shown;
    }

    void append(StringBuilder html) {
        List<String> points = new ArrayList<>(new LinkedHashSet<>(cells.stream().map(c -> point(c.point())).toList()));
        List<String> scenarios = new ArrayList<>(new LinkedHashSet<>(cells.stream().map(c -> c.point().scenario())
                .toList()));
        Map<String, CellStatistics> at = new LinkedHashMap<>();
        cells.forEach(c -> at.put(c.point().scenario() + "\n" + point(c.point()), c));
        for (Headline h : figures()) {
            html.append("<table class=\"answer\" id=\"answer-").append(h.column()).append("\"><caption>")
                    .append(Report.escape(h.label())).append(RELATIVE.contains(h) ? "" : "; &Delta; against the baseline")
                    .append("</caption><tr><th>scenario</th>");
            points.forEach(p -> html.append("<th>").append(Report.escape(p)).append("</th>"));
            html.append("</tr>\n");
            for (String scenario : scenarios) {
                html.append("<tr><th>").append(Report.escape(scenario)).append("</th>");
                for (String p : points) {
                    CellStatistics cell = at.get(scenario + "\n" + p);
                    html.append("<td class=\"n\">").append(cell == null ? "" : text(h, cell)).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private String text(Headline h, CellStatistics cell) {
        String value = estimate(cell.figures().get(h));
        if (RELATIVE.contains(h)) {
            return value;
        }
        List<Comparison> members = runs.stream().filter(r -> r.run().point().cell().equals(cell.cell())).toList();
        if (members.stream().anyMatch(r -> !r.hasBaseline())) {
            return value;
        }
        if (members.stream().allMatch(r -> r.baseline().run().equals(r.run().run()))) {
            return value + "<br><small>baseline</small>";
        }
        double[] deltas = members.stream().mapToDouble(r -> h.of(r) - h.of(byName.get(r.baseline().run())))
                .toArray();
        double base = members.stream().mapToDouble(r -> h.of(byName.get(r.baseline().run()))).average().orElse(0);
        CellStatistics.Estimate delta = CellStatistics.estimate(deltas);
        String percent = base == 0 ? "" : String.format(Locale.ROOT, " (%+.1f%%)", 100 * delta.mean() / base);
        return value + "<br><small>&Delta; " + (delta.mean() >= 0 ? "+" : "") + estimate(delta) + percent
                + "</small>";
    }

    private String estimate(CellStatistics.Estimate e) {
        if (Double.isNaN(e.mean())) {
            return "-";
        }
        return number.apply(e.mean()) + (Double.isNaN(e.halfWidth95()) ? "" : " &plusmn; " + number.apply(e.halfWidth95()));
    }

    /** The column a cell is in: its axis values, or one column for a study without a matrix. */
    private static String point(SweepPoint point) {
        return point.axes().isEmpty() ? "all runs" : point.axes().stream().map(SweepPoint.Coordinate::toString)
                .collect(Collectors.joining(", "));
    }
}
