package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The error boundary: a bad command line is one line and exit 2, a bug exit 1 with "internal error" and a trace. */
class CommandLineErrorsTest {

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome prepareRun(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Outcome(cli.execute(args), out.toString(), err.toString());
    }

    private static Outcome run(String... args) {
        return prepareRun(FleetsimCommand.commandLine(), args);
    }

    @Test
    void noCommandPrintsUsageAndExitsWithTwo() {
        Outcome o = run();
        assertEquals(2, o.status());
        assertTrue(o.err().startsWith("Usage: fleetsim"), o.err());
    }

    @Test
    void mistypedCommandGetsASuggestionOnOneLine() {
        Outcome o = run("rn");
        assertEquals(2, o.status());
        assertEquals("fleetsim: unknown command or argument 'rn' (did you mean 'run'?); try 'fleetsim --help'",
                o.err().strip());
        assertEquals("fleetsim: unknown command or argument 'swep' (did you mean 'sweep'?); try 'fleetsim --help'",
                run("swep").err().strip());
        assertEquals("fleetsim: unknown command or argument 'frobnicate'; try 'fleetsim --help'",
                run("frobnicate").err().strip());
    }

    @Test
    void badFlagValueIsOneLineWithoutJavaTypes() {
        Outcome o = run("timeline", "--memory", "4Q");
        assertEquals(2, o.status());
        assertEquals("fleetsim timeline: Invalid value for option '--memory': size '4Q': expected a whole number "
                + "with an optional K, M, G, T or P suffix; try 'fleetsim timeline --help'", o.err().strip());
        Outcome policy = run("timeline", "--policy", "slow");
        assertEquals(2, policy.status());
        assertEquals(1, policy.err().strip().lines().count(), policy.err());
        assertFalse(policy.err().contains("Exception") || policy.err().contains("Usage"), policy.err());
    }

    @Test
    void unknownFlagIsOneLine() {
        Outcome o = run("run", "--vmz", "3");
        assertEquals(2, o.status());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().strip().endsWith("; try 'fleetsim run --help'"), o.err());
    }

    @Test
    void everySubcommandPrintsTheVersion() {
        for (String command : FleetsimCommand.commandLine().getSubcommands().keySet()) {
            Outcome o = run(command, "--version");
            assertEquals(0, o.status(), command);
            assertEquals("fleetsim " + FleetsimCommand.VERSION, o.out().strip(), command);
        }
    }

    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a model invariant");
        }
    }

    @Test
    void aBugExitsWithOneAndItsStackTrace() {
        CommandLine cli = FleetsimCommand.commandLine();
        cli.addSubcommand(new Broken());
        Outcome o = prepareRun(cli, "broken");
        assertEquals(1, o.status());
        assertTrue(o.err().startsWith("fleetsim broken: internal error"), o.err());
        assertTrue(o.err().contains("java.lang.IllegalStateException: a model invariant"), o.err());
        assertTrue(o.err().contains("\tat "), o.err());
    }

    @Test
    void suggestionsAreWithinTwoEdits() {
        assertEquals(1, CommandSuggestion.distance("rn", "run"));
        assertEquals(0, CommandSuggestion.distance("run", "run"));
        assertEquals(3, CommandSuggestion.distance("abc", ""));
        assertEquals("report", CommandSuggestion.closest("reprot", java.util.List.of("run", "report")).orElseThrow());
    }

    @Test
    void aClusterWithNoNodeListeningFailsWithinTheJoinTimeout() throws Exception {
        int nobody = Jvms.freePort();
        long start = System.nanoTime();
        Outcome o = run("run", "--vms", "10", "--cluster", "127.0.0.1:" + nobody, "--join-timeout", "2", "--out",
                java.nio.file.Files.createTempDirectory("no-cluster").resolve("out").toString());
        assertEquals(2, o.status(), o.err());
        assertEquals("fleetsim run: --cluster 127.0.0.1:" + nobody + ": no node answered within 2 s (--join-timeout); "
                + "start one with 'fleetsim node' or check the address", o.err().strip());
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "gave up in time");
    }

    @Test
    void aNodeWhosePortsAreTakenSaysSoOnOneLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Outcome cluster = run("node", "--port", Integer.toString(port), "--management-port",
                    Integer.toString(Jvms.freePort()), "--metrics-port", "0");
            assertEquals(2, cluster.status(), cluster.err());
            assertTrue(cluster.err().startsWith("fleetsim node: --port " + port + ": cannot bind 127.0.0.1:" + port),
                    cluster.err());
            assertEquals(1, cluster.err().strip().lines().count(), cluster.err());
            Outcome management = run("node", "--port", Integer.toString(Jvms.freePort()), "--management-port",
                    Integer.toString(port), "--metrics-port", "0");
            assertEquals(2, management.status(), management.err());
            assertTrue(management.err().startsWith("fleetsim node: --management-port " + port + ": cannot bind"),
                    management.err());
        }
    }
}
