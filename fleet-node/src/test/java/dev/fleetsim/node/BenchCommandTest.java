package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bench's figures are consistent (not fast: speed is recorded in docs/PERFORMANCE.md, not asserted). */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void bothEnginesProcessTheSameEventsAndTheJsonSaysSo() throws Exception {
        CommandLine cli = FleetsimCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        Path out = dir.resolve("bench.json");
        assertEquals(0, cli.execute("bench", "--vms", "200", "--out", out.toString()));
        JsonNode engines = new ObjectMapper().readTree(out.toFile()).get("engines");
        assertEquals(2, engines.size());
        JsonNode actors = engines.get(0);
        JsonNode sequential = engines.get(1);
        assertEquals("actors", actors.get("engine").asText());
        assertEquals(400, actors.get("vms").asInt(), "eager and lazy, 200 VMs each");
        assertEquals(200, actors.get("fleetVms").asInt());
        assertEquals(actors.get("meanLiveHeapBytes").asDouble() / 200,
                actors.get("meanLiveHeapBytesPerFleetVm").asDouble(), 1e-6);
        assertTrue(actors.get("events").asLong() > 400 * 20, "at least the boot steps of every VM");
        assertEquals(sequential.get("events").asLong(), actors.get("events").asLong());
        assertEquals(actors.get("events").asDouble() / actors.get("wallSeconds").asDouble(),
                actors.get("eventsPerSecond").asDouble(), 1e-6);
    }

    @Test
    void aSyntheticTraceRunsOnBothEnginesWithTheSameEvents() throws Exception {
        CommandLine cli = FleetsimCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        Path out = dir.resolve("bench.json");
        assertEquals(0, cli.execute("bench", "--trace-vms", "300", "--days", "2", "--out", out.toString()));
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertTrue(root.get("study").asText().startsWith("azure-vmtable"), root.get("study").asText());
        JsonNode engines = root.get("engines");
        assertEquals(600, engines.get(0).get("vms").asInt(), "eager and lazy, the trace's 300 VMs each");
        assertEquals(300, engines.get(0).get("fleetVms").asInt());
        assertTrue(engines.get(0).get("events").asLong() > 600 * 20);
        assertEquals(engines.get(1).get("events").asLong(), engines.get(0).get("events").asLong());
    }
}
