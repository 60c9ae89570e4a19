package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsim.node.report.Report;
import dev.fleetsim.node.results.StudyResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a small sweep answers its question: the header's question first, then the answer table, charts
 * that hold summary.json's figures, boot time per class and a footer saying how it was made; Chromium draws it.
 * (ShippedStudiesTest puts every shipped study's report through the same chart checks.)
 */
class ReportTest {

    private static final String QUESTION = "Does a small sweep answer its own question?";
    private static final String LOOK_AT = "boot p50 against hosts.memory.";

    @TempDir
    static Path dir;

    static Path result;
    static String html;
    static JsonNode summary;

    @BeforeAll
    static void sweep() throws IOException {
        Path study = dir.resolve("small-sweep.conf");
        Files.writeString(study, "# " + QUESTION + "\n# Look at: " + LOOK_AT + "\n" + SweepCommandTest.SMALL_SWEEP
                .replace("values = [256G, 1T]", "values = [256G, 512G, 1T]"));
        result = dir.resolve("result");
        SweepCommandTest.Outcome o = SweepCommandTest.fleetsim("sweep", study.toString(), "--out", result.toString(),
                "--vms", "30");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("note: --vms 30 replaced the study's 40 VMs"), o.out());
        html = Files.readString(result.resolve("report.html"));
        summary = new ObjectMapper().readTree(result.resolve("summary.json").toFile());
    }

    @Test
    void opensWithTheQuestionThenTheAnswerThenTheCharts() {
        int question = html.indexOf(QUESTION);
        int lookAt = html.indexOf("<b>Look at:</b> " + LOOK_AT);
        int note = html.indexOf("--vms 30 replaced the study&#39;s 40 VMs".replace("&#39;", "'"));
        int answer = html.indexOf("<h2 id=\"answer\">");
        int charts = html.indexOf("<h2 id=\"charts\">");
        int footer = html.indexOf("<footer");
        assertTrue(question > 0 && question < lookAt && lookAt < note && note < answer && answer < charts
                && charts < footer, List.of(question, lookAt, note, answer, charts, footer).toString());
    }

    @Test
    void answerPivotsEachFigureWithItsIntervalAndItsDeltaAgainstTheBaseline() {
        String table = table("answer-boot_p50_s");
        for (String point : List.of("hosts.memory=256G", "hosts.memory=512G", "hosts.memory=1T")) {
            assertTrue(table.contains("<th>" + point + "</th>"), point);
        }
        JsonNode lazy = cell("lazy[hosts.memory=1T]").get("figures").get("boot_p50_s");
        assertTrue(table.contains(String.format(Locale.ROOT, "%.2f &plusmn; %.2f", lazy.get("mean").asDouble(),
                lazy.get("ci95").asDouble())), table);
        // the delta of each replication against its own baseline, averaged
        double delta = 0;
        for (int r = 1; r <= 2; r++) {
            delta += (run("lazy[hosts.memory=1T]#" + r).get("bootToShell").get("p50").asDouble()
                    - run("eager[hosts.memory=1T]#" + r).get("bootToShell").get("p50").asDouble()) / 2;
        }
        assertTrue(table.contains(String.format(Locale.ROOT, "&Delta; %s%.2f &plusmn; ", delta >= 0 ? "+" : "",
                delta)), table + " lacks the delta " + delta);
        assertTrue(table("answer-boot_speedup").contains(String.format(Locale.ROOT, "%.2f &plusmn; %.2f",
                cell("lazy[hosts.memory=1T]").get("figures").get("boot_speedup").get("mean").asDouble(),
                cell("lazy[hosts.memory=1T]").get("figures").get("boot_speedup").get("ci95").asDouble())));
    }

    @Test
    void chartsHoldTheFiguresOfSummaryJsonOnANumericAxis() throws IOException {
        ReportPage.checkData(result);
        JsonNode p50 = null;
        for (JsonNode chart : ReportPage.charts(html)) {
            if (chart.get("id").asText().equals("axis-hosts.memory-boot_p50_s")) {
                p50 = chart;
            }
        }
        assertTrue(p50 != null, "boot p50 against hosts.memory");
        assertEquals("log", p50.get("x").get("scale").asText(), "sizes on a log scale");
        assertEquals("bytes", p50.get("x").get("unit").asText());
        assertEquals("Boot-to-shell p50 by hosts.memory", p50.get("title").asText());
        JsonNode first = p50.get("series").get(0).get("points").get(0);
        assertEquals(256.0 * (1L << 30), first.get(0).asDouble(), "x is the axis value, not a category index");
        assertEquals(4, first.size(), "with its 95% interval");
    }

    @Test
    void runTableAndClassTableShowTheNumbersOfSummaryJson() {
        for (JsonNode run : summary.get("scenarios")) {
            String row = "<tr><td>" + run.get("scenario").asText() + "</td>";
            int at = html.indexOf(row, html.indexOf("<table id=\"runs\">"));
            assertTrue(at >= 0, row);
            String rowHtml = html.substring(at, html.indexOf("</tr>", at));
            String p50 = String.format(Locale.ROOT, "%.2f", run.get("bootToShell").get("p50").asDouble());
            assertTrue(rowHtml.contains("<td class=\"n\">" + p50 + "</td>"), rowHtml + " lacks " + p50);
        }
        JsonNode first = summary.get("scenarios").get(0);
        String classes = table("by-class");
        first.get("bootToShellByClass").fields().forEachRemaining(e -> assertTrue(classes.contains(String.format(
                Locale.ROOT, "%.2f / %.2f <small>(%d)</small>", e.getValue().get("p50").asDouble(),
                e.getValue().get("p99").asDouble(), e.getValue().get("count").asInt())), e.getKey()));
    }

    @Test
    void footerSaysHowTheResultsWereMade() {
        String footer = html.substring(html.indexOf("<footer"));
        assertTrue(footer.contains("fleetsim sweep " + dir.resolve("small-sweep.conf")), footer);
        assertTrue(footer.contains("<b>fleetsim:</b> " + FleetsimCommand.VERSION), footer);
        assertTrue(footer.contains("<b>seed:</b> " + summary.get("scenarios").get(0).get("seed").asLong()), footer);
        for (String file : List.of("summary.json", "summary.csv", "cells.csv", "vms.csv", "hosts.csv")) {
            assertTrue(footer.contains("<a href=\"" + file + "\">"), file);
        }
        assertTrue(footer.contains("&quot;vms&quot; : 30"), "the resolved config");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched");
    }

    @Test
    void aFolderWithoutFinishedRunsGetsAPageWithoutCharts(@TempDir Path empty) throws IOException {
        Path page = Report.write(empty, new StudyResults("nothing", List.of(), List.of(), List.of()));
        String text = Files.readString(page);
        assertTrue(text.contains("No run has finished."), text);
        assertFalse(text.contains("<figure"), text);
    }

    /** Chromium draws every chart; a full-page screenshot is kept in target/ (out of git). */
    @Test
    void rendersInHeadlessChromium() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find(dir);
        ReportPage.checkRendered(result, chromium);
        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium.fullPageScreenshot(result.resolve("report.html"), shot);
        assertTrue(Files.size(shot) > 50_000, "screenshot of a rendered page, not a blank one: " + Files.size(shot));
    }

    private static String table(String id) {
        int at = html.indexOf("<table class=\"answer\" id=\"" + id + "\">");
        if (at < 0) {
            at = html.indexOf("<table id=\"" + id + "\">");
        }
        assertTrue(at >= 0, id);
        return html.substring(at, html.indexOf("</table>", at));
    }

    private static JsonNode cell(String name) {
        for (JsonNode cell : summary.get("cells")) {
            if (cell.get("cell").asText().equals(name)) {
                return cell;
            }
        }
        throw new AssertionError(name);
    }

    private static JsonNode run(String name) {
        for (JsonNode run : summary.get("scenarios")) {
            if (run.get("scenario").asText().equals(name)) {
                return run;
            }
        }
        throw new AssertionError(name);
    }
}
