package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of a written report.html against its folder's summary.json: what its charts hold (the chart JSON the page
 * embeds) and what Chromium draws of them (the labels in the rendered SVG). Figures come from summary.json, never
 * from the test, so they hold whatever the model's numbers are.
 */
final class ReportPage {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A tick label with more digits after the point than anyone reads. */
    private static final Pattern LONG_DECIMAL = Pattern.compile("\\d\\.\\d{5,}");

    private ReportPage() {
    }

    /** The charts embedded in a report page. */
    static JsonNode charts(String html) throws IOException {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"chart-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "the page embeds its charts' data");
        return JSON.readTree(m.group(1).replace("<\\/", "</"));
    }

    /** Every chart of {@code dir}'s report shows summary.json's figures, with readable titles, units and scales. */
    static void checkData(Path dir) throws IOException {
        String html = Files.readString(dir.resolve("report.html"));
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        JsonNode charts = charts(html);
        assertTrue(charts.size() >= 2, "boot distribution and fleet commit at least");
        for (JsonNode chart : charts) {
            String id = chart.get("id").asText();
            String title = chart.get("title").asText();
            assertFalse(title.isBlank() || title.matches(".*\\([^)]*\\).*"), id + ": title without units: " + title);
            assertFalse(chart.get("x").get("name").asText().isBlank() || chart.get("y").get("name").asText().isBlank(),
                    id + ": axes named");
            assertTrue(chart.get("series").size() > 0, id + ": has series");
            chart.get("series").forEach(s -> assertTrue(s.get("points").size() > 0, id + ": " + s.get("name")));
            assertTrue(html.contains("<figure id=\"chart-" + id.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "\">"),
                    id + ": has its figure");
            if (id.startsWith("axis-")) {
                checkAxisChart(chart, summary);
            }
            if (id.equals("host-overhead")) {
                checkOverheadChart(chart, summary);
            }
        }
        checkBootDistribution(find(charts, "boot-distribution"), summary);
        checkFleetCommit(find(charts, "fleet-commit"), summary);
    }

    /** Chromium draws every chart, with its title and axis names, and no tick label runs to many decimals. */
    static void checkRendered(Path dir, HeadlessChromium chromium) throws Exception {
        Path page = dir.resolve("report.html");
        String dom = chromium.renderedDom(page);
        for (JsonNode chart : charts(Files.readString(page))) {
            String anchor = "chart-" + chart.get("id").asText().toLowerCase().replaceAll("[^a-z0-9]+", "-");
            int at = dom.indexOf("<figure id=\"" + anchor + "\">");
            assertTrue(at >= 0, anchor);
            List<String> labels = texts(dom.substring(at, dom.indexOf("</figure>", at)));
            assertTrue(labels.contains(chart.get("title").asText()), anchor + " drawn with its title: " + labels);
            assertTrue(labels.contains(chart.get("y").get("name").asText()), anchor + " y axis named: " + labels);
            labels.forEach(l -> assertFalse(LONG_DECIMAL.matcher(l).find(), anchor + ": label " + l));
        }
    }

    /** The y values an axis chart plots are the cells' means of its figure in summary.json, at numeric x if any. */
    private static void checkAxisChart(JsonNode chart, JsonNode summary) {
        String id = chart.get("id").asText();
        String column = null;
        for (var names = summary.get("cells").get(0).get("figures").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (id.endsWith("-" + name)) {
                column = name;
            }
        }
        assertTrue(column != null, id + " names a figure of summary.json");
        String axis = id.substring("axis-".length(), id.length() - column.length() - 1);
        List<Double> expected = new ArrayList<>();
        for (JsonNode cell : summary.get("cells")) {
            JsonNode mean = cell.get("figures").get(column).get("mean");
            if (mean.isNumber()) {
                expected.add(mean.asDouble());
            }
        }
        List<Double> plotted = new ArrayList<>();
        chart.get("series").forEach(s -> s.get("points").forEach(p -> plotted.add(p.get(1).asDouble())));
        assertEquals(sorted(expected), sorted(plotted), id + ": the cells' means");
        List<String> values = new ArrayList<>();
        for (JsonNode run : summary.get("scenarios")) {
            String v = run.get("axes").get(axis).asText();
            if (!values.contains(v)) {
                values.add(v);
            }
        }
        boolean numeric = values.stream().allMatch(v -> v.matches("[0-9.]+[KMGT]?"));
        if (numeric && values.size() >= 3) {
            assertNotEquals("category", chart.get("x").get("scale").asText(), id + ": numeric values on a scale");
        }
    }

    /** Each run's stacked bar adds up to its guest commit plus host overhead in summary.json. */
    private static void checkOverheadChart(JsonNode chart, JsonNode summary) {
        assertEquals("stacked", chart.get("kind").asText());
        double unit = chart.get("y").get("unit").asText().equals("TiB") ? 1L << 40 : 1L << 30;
        JsonNode labels = chart.get("x").get("categories");
        for (int i = 0; i < labels.size(); i++) {
            double stacked = 0;
            for (JsonNode series : chart.get("series")) {
                stacked += series.get("points").get(i).get(1).asDouble();
            }
            double total = run(summary, labels.get(i).asText()).get("overhead").get("totalMeanBytes").asDouble();
            assertEquals(total / unit, stacked, 1e-9 * total / unit, labels.get(i).asText());
        }
    }

    /** Where at most 400 VMs reached the shell, the curve passes through each run's p50 at 50%. */
    private static void checkBootDistribution(JsonNode chart, JsonNode summary) {
        assertEquals("value", chart.get("x").get("scale").asText(), "percentiles on a numeric axis");
        for (JsonNode series : chart.get("series")) {
            JsonNode run = run(summary, series.get("name").asText());
            if (run.get("reachedShell").asInt() <= 400) {
                for (JsonNode p : series.get("points")) {
                    if (p.get(0).asDouble() >= 50) {
                        assertEquals(run.get("bootToShell").get("p50").asDouble(), p.get(1).asDouble(), 1e-9,
                                series.get("name").asText());
                        break;
                    }
                }
            }
        }
    }

    /** Each run's highest point is its fleet peak, in TiB once a peak reaches one, else GiB. */
    private static void checkFleetCommit(JsonNode chart, JsonNode summary) {
        String unit = chart.get("y").get("unit").asText();
        double scale = unit.equals("TiB") ? Math.pow(2, 40) : Math.pow(2, 30);
        double highest = 0;
        for (JsonNode series : chart.get("series")) {
            double max = 0;
            for (JsonNode p : series.get("points")) {
                max = Math.max(max, p.get(1).asDouble());
            }
            highest = Math.max(highest, max);
            double peak = run(summary, series.get("name").asText()).get("fleetPeakCommittedBytes").asDouble() / scale;
            assertEquals(peak, max, 1e-9 * peak, series.get("name").asText());
        }
        assertTrue(unit.equals("TiB") ? highest >= 1 : unit.equals("GiB") && highest < 1024,
                "fleet commit in " + unit + " for a peak of " + highest);
        String time = chart.get("x").get("unit").asText();
        assertTrue(time.equals("min") || time.equals("h"), time);
    }

    private static JsonNode run(JsonNode summary, String name) {
        for (JsonNode run : summary.get("scenarios")) {
            if (run.get("scenario").asText().equals(name)) {
                return run;
            }
        }
        throw new AssertionError("no run " + name + " in summary.json");
    }

    private static JsonNode find(JsonNode charts, String id) {
        for (JsonNode chart : charts) {
            if (chart.get("id").asText().equals(id)) {
                return chart;
            }
        }
        throw new AssertionError("no chart " + id);
    }

    private static List<String> texts(String svg) {
        List<String> texts = new ArrayList<>();
        Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        while (m.find()) {
            texts.add(m.group(1).replace("&amp;", "&").replace("&gt;", ">").replace("&lt;", "<"));
        }
        return texts;
    }

    private static List<Double> sorted(List<Double> values) {
        return values.stream().sorted().toList();
    }
}
