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
}
