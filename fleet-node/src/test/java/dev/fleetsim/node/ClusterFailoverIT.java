package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real fleetsim JVMs on loopback, a study submitted from a fourth, and one node failing mid-run: the results
 * must equal a one-node run of the same study and seed, byte for byte. Every JVM started is ended by PID, and
 * every wait is bounded.
 */
class ClusterFailoverIT {

    private static final String VMS = "1500";
    static final List<String> FAST_FAILURE = List.of(
            "-Xmx768m",
            "-Dpekko.cluster.split-brain-resolver.stable-after=2s",
            "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=2s",
            "-Dfleetsim.cluster.stall-timeout=10s",
            "-Dfleetsim.cluster.window-timeout=15s");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Jvms jvms;
    private final int[] ports = new int[3];
    private final int[] management = new int[3];
    private final List<Process> nodes = new ArrayList<>();

    @BeforeEach
    void startCluster() throws Exception {
        jvms = new Jvms(dir);
        for (int i = 0; i < 3; i++) {
            ports[i] = Jvms.freePort();
            management[i] = Jvms.freePort();
        }
        for (int i = 0; i < 3; i++) {
            nodes.add(jvms.fleetsim("node" + i, FAST_FAILURE, "node", "--port", Integer.toString(ports[i]),
                    "--management-port", Integer.toString(management[i]), "--metrics-port", "0", "--seed-nodes",
                    seeds(2)));
            // the first seed forms the cluster; the others join it in order, so node 0 is the oldest
            jvms.awaitOk("http://127.0.0.1:" + management[i] + "/ready", nodes.get(i), "node" + i);
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        jvms.stopAll();
    }

    @Test
    void killedNodeIsReplayedWithIdenticalResults() throws Exception {
        runKilling(() -> nodes.get(2).destroyForcibly(), "out");
    }

    @Test
    void killedCoordinatorNodeIsReplayedWithIdenticalResults() throws Exception {
        runKilling(() -> nodes.get(0).destroyForcibly(), "out");
    }

    @Test
    void gracefulLeaveHandsOffAndGivesIdenticalResults() throws Exception {
        runKilling(() -> nodes.get(2).destroy(), "out");
        assertTrue(nodes.get(2).waitFor(60, TimeUnit.SECONDS), "SIGTERM ends the node");
        assertTrue(Files.readString(dir.resolve("node2.out")).contains("fleetsim node left the cluster"),
                "the node ran coordinated shutdown");
        String address = "127.0.0.1:" + ports[2];
        for (int survivor = 0; survivor < 2; survivor++) {
            String log = Files.readString(dir.resolve("node" + survivor + ".err"));
            assertTrue(log.lines().noneMatch(l -> l.contains("UNREACHABLE") && l.contains(address)),
                    "node " + survivor + " saw the leaving node as unreachable: it was not a graceful leave");
        }
    }

    private void runKilling(Runnable failure, String out) throws Exception {
        Path reference = dir.resolve("reference");
        assertEquals(0, FleetsimCommand.commandLine().execute("run", "--engine", "sequential", "--vms", VMS,
                "--out", reference.toString()));
        Process client = jvms.fleetsim("client", FAST_FAILURE, "run", "--vms", VMS, "--out",
                dir.resolve(out).toString(), "--cluster", seeds(3));
        Path clientErr = dir.resolve("client.err");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(clientErr).contains("30% of") && System.nanoTime() < deadline) {
            assertTrue(client.isAlive(), "client died early: " + Files.readString(clientErr));
            Thread.sleep(100);
        }
        failure.run();
        assertTrue(client.waitFor(240, TimeUnit.SECONDS), "client did not finish in time; logs in " + dir + ":\n"
                + Files.readString(clientErr).lines().skip(Math.max(0, Files.readString(clientErr).lines().count() - 8))
                .reduce("", (a, b) -> a + b + "\n"));
        assertEquals(0, client.exitValue(), Files.readString(clientErr));
        for (String file : List.of("summary.json", "vms.csv", "hosts.csv")) {
            assertEquals(Files.readString(reference.resolve(file)), Files.readString(dir.resolve(out).resolve(file)),
                    file);
        }
    }

    private String seeds(int count) {
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seeds.add("127.0.0.1:" + ports[i]);
        }
        return String.join(",", seeds);
    }
}
