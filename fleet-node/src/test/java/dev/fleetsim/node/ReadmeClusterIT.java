package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's three-node example, its commands read from README.md and run as written (in a folder where
 * {@code fleet-node/target/fleetsim.jar} is this build's jar, with this test's {@code java}): every node must
 * become ready and stay up, and the study submitted to them must finish with its results.
 */
class ReadmeClusterIT {

    private static final String SECTION = "## A cluster of several nodes";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void threeNodeExampleRunsAsWritten() throws Exception {
        List<List<String>> commands = readmeCommands();
        List<List<String>> nodes = commands.stream().filter(c -> c.get(3).equals("node")).toList();
        List<String> client = commands.get(commands.size() - 1);
        assertEquals(3, nodes.size(), "three nodes in the example");
        assertEquals("run", client.get(3));
        for (List<String> node : nodes) {
            for (String option : List.of("--port", "--management-port", "--metrics-port")) {
                requireFree(Integer.parseInt(value(node, option)));
            }
        }
        Path jar = dir.resolve("fleet-node").resolve("target").resolve("fleetsim.jar");
        Files.createDirectories(jar.getParent());
        Files.createSymbolicLink(jar, Jvms.JAR.toAbsolutePath());
        try (Jvms jvms = new Jvms(dir)) {
            List<Process> started = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                started.add(jvms.startIn(dir, "node" + i, withThisJava(nodes.get(i))));
            }
            for (int i = 0; i < nodes.size(); i++) {
                jvms.awaitOk("http://127.0.0.1:" + value(nodes.get(i), "--management-port") + "/ready", started.get(i),
                        "node" + i, 120);
            }
            Process run = jvms.startIn(dir, "client", withThisJava(client));
            assertTrue(run.waitFor(600, TimeUnit.SECONDS), "the study did not finish in 10 min");
            assertEquals(0, run.exitValue(), jvms.err("client"));
            for (int i = 0; i < nodes.size(); i++) {
                assertTrue(started.get(i).isAlive(), "node" + i + " exited: " + jvms.err("node" + i));
            }
            try (Stream<Path> results = Files.list(dir.resolve("results"))) {
                Path study = results.findFirst().orElseThrow(() -> new AssertionError("no results folder"));
                assertTrue(Files.size(study.resolve("summary.json")) > 0);
            }
        }
    }

    /** The {@code java -jar} lines of the section's first code block, split at spaces. */
    private static List<List<String>> readmeCommands() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf(SECTION));
        int open = section.indexOf("```\n") + 4;
        String block = section.substring(open, section.indexOf("```", open));
        return block.lines().filter(l -> l.startsWith("java -jar "))
                .map(l -> Arrays.asList(l.trim().split(" +"))).toList();
    }

    private static List<String> withThisJava(List<String> command) {
        List<String> withJava = new ArrayList<>(command);
        withJava.set(0, ProcessHandle.current().info().command().orElse("java"));
        return withJava;
    }

    private static String value(List<String> command, String option) {
        int at = command.indexOf(option);
        assertTrue(at > 0, String.join(" ", command) + " gives " + option);
        return command.get(at + 1);
    }

    /** A port the example needs that something else holds skips the test, but fails it under CI. */
    private static void requireFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
        } catch (IOException taken) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("port " + port + " of the README's example is taken", taken);
            }
            Assumptions.abort("port " + port + " of the README's example is taken on this machine");
        }
    }
}
