package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
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

    /**
     * Headless Chromium loads the page and screenshots it; every image must decode (an image that fails marks the
     * page through its onerror attribute, which the dumped DOM shows). The screenshot stays in target/.
     */
    @Test
    void rendersInHeadlessChromium() throws Exception {
        String chromium = chromium();
        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        String url = result.resolve("report.html").toUri().toString();
        String dom = runChromium(chromium, "--dump-dom", url);
        assertTrue(dom.contains("chart-axis-hosts-memory-boot-p50-s"), "DOM has the charts");
        assertFalse(dom.contains("data-broken-images=\"yes\""), "an image failed to decode");
        runChromium(chromium, "--screenshot=" + shot, "--window-size=1280,3000", url);
        assertTrue(Files.size(shot) > 50_000, "screenshot of a rendered page, not a blank one: " + Files.size(shot));
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String path : System.getenv("PATH").split(":")) {
                if (Files.isExecutable(Path.of(path, name))) {
                    return Path.of(path, name).toString();
                }
            }
        }
        // .ci/run installs Chromium; elsewhere the check is skipped rather than failed
        Assumptions.assumeTrue(System.getenv("CI") == null, "no chromium on PATH");
        throw new AssertionError("CI without chromium: .ci/run should have installed it");
    }

    private static String runChromium(String chromium, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), "chromium exit status");
        return out;
    }
}
