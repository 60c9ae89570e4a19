package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 24-run sweep on three real node JVMs of two slots each, submitted from a fourth: every node runs some whole
 * runs, and the files equal a local sweep's, also when a node is SIGKILLed mid-sweep (its runs in flight run
 * again elsewhere). One cluster serves both sweeps, to spare the machine's two cores.
 */
class SweepClusterIT {

    static final String MATRIX = """
            name = cluster-sweep
            vms = 300
            duration = 1h
            hosts { count = 12 }
            matrix {
              axes = [ { key = hosts.memory, values = [256G, 512G, 1T] } ]
              replications = 4
            }
            scenarios = [
              { name = eager, policy = eager-firmware }
              { name = lazy, policy = lazy }
            ]
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Jvms jvms;
    private final int[] ports = new int[3];
    private final int[] management = new int[3];
    private int metrics;
    private final List<Process> nodes = new ArrayList<>();

    @BeforeEach
    void startCluster() throws Exception {
        jvms = new Jvms(dir);
        for (int i = 0; i < 3; i++) {
            ports[i] = Jvms.freePort();
            management[i] = Jvms.freePort();
        }
        metrics = Jvms.freePort();
        for (int i = 0; i < 3; i++) {
            nodes.add(jvms.fleetsim("node" + i, ClusterFailoverIT.FAST_FAILURE, "node", "--slots", "2", "--port",
                    Integer.toString(ports[i]), "--management-port", Integer.toString(management[i]),
                    "--metrics-port", i == 1 ? Integer.toString(metrics) : "0", "--seed-nodes", seeds(2)));
            jvms.awaitOk("http://127.0.0.1:" + management[i] + "/ready", nodes.get(i), "node" + i);
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        jvms.stopAll();
    }

    @Test
    void everyNodeRunsWholeRunsAndAKilledNodesRunsRunAgainElsewhere() throws Exception {
        Path study = dir.resolve("cluster-sweep.conf");
        Files.writeString(study, MATRIX);
        Path local = dir.resolve("local");
        assertEquals(0, FleetsimCommand.commandLine().execute("sweep", study.toString(), "--out", local.toString()));

        Process client = sweep(study, "spread");
        assertTrue(client.waitFor(240, TimeUnit.SECONDS), "sweep did not finish: " + jvms.err("spread"));
        assertEquals(0, client.exitValue(), jvms.err("spread"));
        Map<String, Integer> perNode = runsPerNode(Studies.assertSameResults(local, dir.resolve("spread")));
        assertEquals(3, perNode.size(), "every node ran some runs: " + perNode);
        assertEquals(24, perNode.values().stream().mapToInt(Integer::intValue).sum());
        String node1 = "127.0.0.1:" + ports[1];
        String scrape = scrape();
        assertEquals(perNode.get(node1), (int) metric(scrape, "fleetsim_runs_finished_total"), scrape);
        assertEquals(0, (int) metric(scrape, "fleetsim_runs_in_flight\\{node=\"" + node1 + "\"\\}"), scrape);

        Process killing = sweep(study, "killed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!jvms.err("killed").contains("runs: 6 of 24 done") && System.nanoTime() < deadline) {
            assertTrue(killing.isAlive(), "client died early: " + jvms.err("killed"));
            Thread.sleep(100);
        }
        nodes.get(2).destroyForcibly();
        assertTrue(killing.waitFor(240, TimeUnit.SECONDS), "sweep did not finish: " + jvms.err("killed"));
        assertEquals(0, killing.exitValue(), jvms.err("killed"));
        Map<String, Integer> afterKill = runsPerNode(Studies.assertSameResults(local, dir.resolve("killed")));
        assertEquals(24, afterKill.values().stream().mapToInt(Integer::intValue).sum(), afterKill.toString());
    }

    private Process sweep(Path study, String name) throws IOException {
        return jvms.fleetsim(name, ClusterFailoverIT.FAST_FAILURE, "sweep", study.toString(), "--out",
                dir.resolve(name).toString(), "--cluster", seeds(3));
    }

    private static Map<String, Integer> runsPerNode(List<JsonNode> runs) {
        Map<String, Integer> perNode = new TreeMap<>();
        runs.forEach(run -> perNode.merge(run.get("node").asText(), 1, Integer::sum));
        return perNode;
    }

    private String scrape() throws IOException {
        try (var in = URI.create("http://127.0.0.1:" + metrics + "/metrics").toURL().openStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static double metric(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), series + " not in the scrape");
        return Double.parseDouble(m.group(1));
    }

    private String seeds(int count) {
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seeds.add("127.0.0.1:" + ports[i]);
        }
        return String.join(",", seeds);
    }
}
