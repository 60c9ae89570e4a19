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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a small sweep holds every chart and the numbers of summary.json, and Chromium renders it. */
class ReportTest {

    @TempDir
    static Path dir;

    static Path result;
    static String html;

    @BeforeAll
    static void sweep() throws IOException {
        Path study = dir.resolve("small-sweep.conf");
        Files.writeString(study, SweepCommandTest.SMALL_SWEEP);
        result = dir.resolve("result");
        SweepCommandTest.Outcome o = SweepCommandTest.fleetsim("sweep", study.toString(), "--out", result.toString());
        assertEquals(0, o.status(), o.err());
        html = Files.readString(result.resolve("report.html"));
    }

    @Test
    void holdsEveryChartAsAnInlinePng() {
        for (String chart : List.of("boot-distribution", "fleet-commit", "savings", "density",
                "axis-hosts-memory-boot-p50-s", "axis-hosts-memory-vms-per-host-peak-mean")) {
            Matcher m = Pattern.compile("<figure id=\"chart-" + chart + "\"><img alt=\"[^\"]*\" "
                    + "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
            assertTrue(m.find(), chart);
            byte[] png = Base64.getDecoder().decode(m.group(1));
            assertEquals("PNG", new String(png, 1, 3), chart);
        }
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing fetched");
    }

    @Test
    void tablesShowTheNumbersOfSummaryJson() throws IOException {
        JsonNode summary = new ObjectMapper().readTree(result.resolve("summary.json").toFile());
        for (JsonNode run : summary.get("scenarios")) {
            String row = "<tr><td>" + run.get("scenario").asText() + "</td>";
            int at = html.indexOf(row);
            assertTrue(at >= 0, row);
            String rowHtml = html.substring(at, html.indexOf("</tr>", at));
            String p50 = String.format(Locale.ROOT, "%.2f", run.get("bootToShell").get("p50").asDouble());
            assertTrue(rowHtml.contains("<td class=\"n\">" + p50 + "</td>"), rowHtml + " lacks " + p50);
        }
        JsonNode lazyCell = summary.get("cells").get(3);
        assertEquals("lazy[hosts.memory=1T]", lazyCell.get("cell").asText());
        JsonNode speedup = lazyCell.get("figures").get("boot_speedup");
        String shown = String.format(Locale.ROOT, "%.2f &plusmn; %.2f", speedup.get("mean").asDouble(),
                speedup.get("ci95").asDouble());
        assertTrue(html.contains(shown), "replication table shows " + shown);
    }

    @Test
    void aFolderWithoutFinishedRunsGetsAPageWithoutCharts(@TempDir Path empty) throws IOException {
        Path page = Report.write(empty, new StudyResults("nothing", List.of(), List.of(), List.of()));
        String text = Files.readString(page);
        assertTrue(text.contains("No run has finished."), text);
        assertFalse(text.contains("<figure"), text);
    }

    /** Headless Chromium loads the page and screenshots it (kept in target/, out of git). */
    @Test
    void rendersInHeadlessChromium() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find(dir);
        Path page = result.resolve("report.html");
        assertTrue(chromium.renderedDom(page).contains("chart-axis-hosts-memory-boot-p50-s"), "DOM has the charts");
        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium.screenshot(page, shot);
        assertTrue(Files.size(shot) > 50_000, "screenshot of a rendered page, not a blank one: " + Files.size(shot));
    }
}
