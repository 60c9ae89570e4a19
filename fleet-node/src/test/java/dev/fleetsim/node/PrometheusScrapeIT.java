package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package, which .ci/run installs) scrapes a fleetsim node that ran a study, and its
 * HTTP API answers with the numbers in summary.json; promtool finds nothing wrong with the exposition.
 */
class PrometheusScrapeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Jvms jvms;

    @AfterEach
    void stop() throws InterruptedException {
        if (jvms != null) {
            jvms.stopAll();
        }
    }

    @Test
    void prometheusScrapesTheNodeAndAgreesWithTheSummary() throws Exception {
        ExternalTool.require("prometheus", "prometheus");
        ExternalTool.require("prometheus", "promtool");
        jvms = new Jvms(dir);
        int port = Jvms.freePort();
        int management = Jvms.freePort();
        int metrics = Jvms.freePort();
        int web = Jvms.freePort();
        Process node = jvms.fleetsim("node", List.of("-Xmx512m"), "node", "--port", Integer.toString(port),
                "--seed-nodes", "127.0.0.1:" + port, "--management-port", Integer.toString(management),
                "--metrics-port", Integer.toString(metrics));
        jvms.awaitOk("http://127.0.0.1:" + management + "/ready", node, "node");
        Path out = dir.resolve("results");
        assertEquals(0, FleetsimCommand.commandLine().execute("run", "--vms", "300", "--cluster",
                "127.0.0.1:" + port, "--out", out.toString()));
        long lazyVms = JSON.readTree(out.resolve("summary.json").toFile()).get("scenarios").get(1).get("placed")
                .asLong();

        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: fleetsim
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(metrics));
        jvms.start("prometheus", List.of("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + web));
        // the run ended before Prometheus started: its final values are still there for the first scrape
        double scraped = scrapedValue(web, "sum(fleetsim_vms_finished_total{scenario=\"lazy\",policy=\"lazy\"})");
        assertEquals(lazyVms, scraped, "Prometheus' view of fleetsim_vms_finished_total");
        JsonNode lazyBoots = JSON.readTree(out.resolve("summary.json").toFile()).get("scenarios").get(1)
                .get("bootToShell");
        for (String q : List.of("p50", "p95")) {
            double truth = lazyBoots.get(q).asDouble();
            double read = scrapedValue(web, "histogram_quantile(0." + q.substring(1) + ", sum by (le) "
                    + "(fleetsim_boot_to_shell_seconds_bucket{scenario=\"lazy\"}))");
            assertEquals(truth, read, 0.101 * truth, "a dashboard's " + q + " of lazy boots against summary.json's");
        }

        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (InputStream scrape = URI.create("http://127.0.0.1:" + metrics + "/metrics").toURL().openStream()) {
            promtool.getOutputStream().write(scrape.readAllBytes());
        }
        promtool.getOutputStream().close();
        String problems = new String(promtool.getInputStream().readAllBytes());
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS));
        assertEquals("", problems.strip(), "promtool check metrics");
        assertEquals(0, promtool.exitValue());
    }

    /** The one value an instant query gives, once Prometheus has scraped; fails after 90 s. */
    private static double scrapedValue(int web, String expr) throws InterruptedException {
        String query = "http://127.0.0.1:" + web + "/api/v1/query?query=" + URLEncoder.encode(expr,
                StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            JsonNode result = tryGetJson(query);
            if (result != null && result.path("data").path("result").size() == 1) {
                return result.path("data").path("result").get(0).path("value").get(1).asDouble();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus gave no value for " + expr);
    }

    private static JsonNode tryGetJson(String url) {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return JSON.readTree(in);
        } catch (IOException notYet) {
            return null;
        }
    }
}
