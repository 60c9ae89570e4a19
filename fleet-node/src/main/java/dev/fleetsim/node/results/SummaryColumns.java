package dev.fleetsim.node.results;

import dev.fleetsim.node.study.SweepPoint;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The columns of summary.csv (a run's figures) and cells.csv (a cell's means over replications), declared once,
 * and the terminal's run table, which shows some of summary.csv's columns formatted for reading. A blank is a figure that does not exist (a percentile of nothing, a speed-up
 * without a baseline), where a zero would read as a measurement; the terminal shows it as "-".
 */
public final class SummaryColumns {

    private static final Column<Comparison> RUN = Column.of("run", c -> c.run().run());
    private static final Column<Comparison> POLICY = summary("policy", ScenarioSummary::policy);
    private static final Column<Comparison> PLACED = summary("placed", ScenarioSummary::placed);
    private static final Column<Comparison> BOOT_P50 = boot("boot_p50_s", Percentiles::p50);
    private static final Column<Comparison> BOOT_P95 = boot("boot_p95_s", Percentiles::p95);
    private static final Column<Comparison> BOOT_P99 = boot("boot_p99_s", Percentiles::p99);
    private static final Column<Comparison> SPEEDUP = Column.of("boot_speedup", c -> blankIfNaN(c.speedup()));
    private static final Column<Comparison> SAVED = Column.of("saved_percent", c -> blankIfNaN(c.savedPercent()));
    private static final Column<Comparison> COMMITTED =
            summary("fleet_mean_committed_bytes", ScenarioSummary::fleetMeanCommittedBytes);
    private static final Column<Comparison> CONFIGURED =
            summary("fleet_mean_configured_bytes", ScenarioSummary::fleetMeanConfiguredBytes);
    private static final Column<Comparison> VMS_PER_HOST =
            summary("vms_per_host_peak_mean", ScenarioSummary::vmsPerHostPeakMean);

    /** summary.csv's columns before the matrix's axes. */
    private static final List<Column<Comparison>> BEFORE_AXES = List.of(RUN,
            Column.of("scenario", c -> c.run().point().scenario()));

    /** summary.csv's columns after the axes. */
    private static final List<Column<Comparison>> AFTER_AXES = List.of(
            Column.of("replication", c -> c.run().point().replication() + 1),
            summary("seed", ScenarioSummary::seed),
            summary("platform", ScenarioSummary::platform),
            POLICY,
            summary("workload", ScenarioSummary::workload),
            summary("vms", ScenarioSummary::vms),
            PLACED,
            summary("refused", ScenarioSummary::refused),
            summary("reached_shell", ScenarioSummary::reachedShell),
            boot("boot_mean_s", Percentiles::mean),
            BOOT_P50, BOOT_P95, BOOT_P99,
            Column.of("compared_to", c -> c.hasBaseline() ? c.baseline().run() : ""),
            SPEEDUP, SAVED, COMMITTED,
            summary("fleet_peak_committed_bytes", ScenarioSummary::fleetPeakCommittedBytes),
            CONFIGURED,
            summary("hosts_used", ScenarioSummary::hostsUsed),
            VMS_PER_HOST,
            summary("vms_per_host_peak_max", ScenarioSummary::vmsPerHostPeakMax),
            summary("exits", ScenarioSummary::exits),
            summary("pressure_events", ScenarioSummary::pressureEvents),
            summary("accepted_at_shell_mean_bytes", ScenarioSummary::acceptedAtShellMeanBytes),
            summary("accepted_early_kernel_mean_bytes", ScenarioSummary::acceptedEarlyKernelMeanBytes),
            Column.of("time_to_drain_p50_s", c -> orBlank(c.summary().timeToDrain(), Percentiles::p50)),
            summary("bitmap_mean_bytes", ScenarioSummary::bitmapMeanBytes),
            Column.of("e820_entries_peak_p99", c -> orBlank(c.summary().e820EntriesPeak(), Percentiles::p99)),
            summary("vms_over_e820_limit", ScenarioSummary::vmsOverE820Limit),
            summary("accepted_free_mean_bytes", ScenarioSummary::acceptedFreeMeanBytes));

    /** A column of the terminal's table: its label, width (negative: left-aligned) and how it shows a value. */
    private record Shown(String label, int width, Column<Comparison> column, Function<Object, String> format) {

        String cell(Object text, int runWidth) {
            int w = column == RUN ? -runWidth : width;
            return String.format("%" + w + "s", text);
        }
    }

    private static final List<Shown> TERMINAL = List.of(
            new Shown("scenario", 0, RUN, String::valueOf),
            new Shown("policy", -16, POLICY, String::valueOf),
            new Shown("VMs", 7, PLACED, String::valueOf),
            new Shown("boot-p50", 8, BOOT_P50, v -> number(v, "%.2fs")),
            new Shown("boot-p95", 8, BOOT_P95, v -> number(v, "%.2fs")),
            new Shown("boot-p99", 8, BOOT_P99, v -> number(v, "%.2fs")),
            new Shown("speedup", 7, SPEEDUP, v -> number(v, "%.2fx")),
            new Shown("commit-mean", 12, COMMITTED, v -> ResultWriter.humanBytes((Double) v)),
            new Shown("config-mean", 12, CONFIGURED, v -> ResultWriter.humanBytes((Double) v)),
            new Shown("saved", 9, SAVED, v -> number(v, "%.1f%%")),
            new Shown("VMs/host", 8, VMS_PER_HOST, v -> number(v, "%.1f")));

    private SummaryColumns() {
    }

    /** summary.csv's columns for a study whose matrix has {@code axes}. */
    static List<Column<Comparison>> of(List<String> axes) {
        List<Column<Comparison>> columns = new ArrayList<>(BEFORE_AXES);
        columns.addAll(axisColumns(axes, c -> c.run().point()));
        columns.addAll(AFTER_AXES);
        return columns;
    }

    /** cells.csv's columns: a cell's matrix point, then each headline figure's mean and 95% half-width. */
    static List<Column<CellStatistics>> cells(List<String> axes) {
        List<Column<CellStatistics>> columns = new ArrayList<>(List.of(Column.of("cell", CellStatistics::cell),
                Column.of("scenario", cell -> cell.point().scenario())));
        columns.addAll(axisColumns(axes, CellStatistics::point));
        columns.add(Column.of("replications", CellStatistics::replications));
        for (Headline h : Headline.values()) {
            columns.add(Column.of(h.column() + "_mean", cell -> blankIfNaN(cell.figures().get(h).mean())));
            columns.add(Column.of(h.column() + "_ci95", cell -> blankIfNaN(cell.figures().get(h).halfWidth95())));
        }
        return columns;
    }

    /** A column per matrix axis, in the matrix's order: the value of the row's point on it. */
    private static <T> List<Column<T>> axisColumns(List<String> axes, Function<T, SweepPoint> point) {
        List<Column<T>> columns = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            int axis = i;
            columns.add(Column.of(axes.get(i), row -> point.apply(row).axes().get(axis).value()));
        }
        return columns;
    }

    /** The run table for the terminal. */
    public static void printTable(PrintWriter out, List<Comparison> runs) {
        int runWidth = Math.max(14, runs.stream().mapToInt(c -> c.run().run().length()).max().orElse(0));
        out.println(String.join(" ", TERMINAL.stream().map(s -> s.cell(s.label(), runWidth)).toList()));
        for (Comparison c : runs) {
            out.println(String.join(" ", TERMINAL.stream()
                    .map(s -> s.cell(s.format().apply(s.column().value().apply(c)), runWidth)).toList()));
        }
        out.flush();
    }

    private static Column<Comparison> summary(String name, Function<ScenarioSummary, ?> figure) {
        return Column.of(name, c -> figure.apply(c.summary()));
    }

    private static Column<Comparison> boot(String name, ToDoubleFunction<Percentiles> figure) {
        return Column.of(name, c -> orBlank(c.summary().bootToShell(), figure));
    }

    /** A percentile of values there are none of is no number: blank. */
    private static Object orBlank(Percentiles p, ToDoubleFunction<Percentiles> figure) {
        return p.count() == 0 ? "" : figure.applyAsDouble(p);
    }

    private static Object blankIfNaN(double value) {
        return Double.isNaN(value) ? "" : value;
    }

    /** A number shown with {@code format}; "-" for a blank. */
    private static String number(Object value, String format) {
        return value instanceof Number n ? String.format(format, n.doubleValue()) : "-";
    }

    /** The axis keys of a study's matrix, which all its points have alike. */
    static List<String> axisKeys(List<SweepPoint> points) {
        return points.isEmpty() ? List.of() : points.get(0).axes().stream().map(SweepPoint.Coordinate::key).toList();
    }
}
