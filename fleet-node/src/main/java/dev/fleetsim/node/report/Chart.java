package dev.fleetsim.node.report;

import java.util.List;

/**
 * One chart of the report as data: the page's script draws it with ECharts (tooltips, legend toggles, zoom). The
 * report embeds every chart as JSON, so what a chart shows can be read back from the page and checked.
 *
 * @param id     unique on the page; the figure's anchor is {@code chart-<id>}
 * @param kind   lines through points, bars over categories, or bars stacked series on series
 * @param series drawn in order, each with its own colour, dash and marker so no line hides another unseen
 */
record Chart(String id, String title, Kind kind, Axis x, Axis y, List<Series> series) {

    enum Kind { line, bar, stacked }

    enum Scale { value, log, category }

    /**
     * @param unit       shown in tooltips after each value; {@code bytes} formats values as binary sizes
     * @param logBase    for a log scale: 2 for sizes, which double from one value to the next, else 10
     * @param categories the labels of a category axis (points give their index); empty otherwise
     */
    record Axis(String name, Scale scale, String unit, int logBase, List<String> categories) {

        static Axis linear(String name, String unit) {
            return new Axis(name, Scale.value, unit, 0, List.of());
        }

        static Axis log(String name, String unit, int base) {
            return new Axis(name, Scale.log, unit, base, List.of());
        }

        static Axis categories(String name, List<String> labels) {
            return new Axis(name, Scale.category, "", 0, List.copyOf(labels));
        }
    }

    /** Points are {@code [x, y]}, or {@code [x, y, low, high]} with the 95% interval of y. */
    record Series(String name, List<double[]> points) {
    }
}
