package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json and summary.csv say the same thing the same way, and say "no number" as null, never as NaN or 0. */
class SummaryFilesTest {

    @TempDir
    static Path dir;

    static JsonNode summary;
    static String json;
    static String singleJson;

    @BeforeAll
    static void sweep() throws IOException {
        Path study = dir.resolve("small-sweep.conf");
        Files.writeString(study, SweepCommandTest.SMALL_SWEEP);
        SweepCommandTest.Outcome o = SweepCommandTest.fleetsim("sweep", study.toString(), "--out",
                dir.resolve("r").toString(), "--vms", "20");
        assertEquals(0, o.status(), o.err());
        Path single = dir.resolve("single.conf");
        Files.writeString(single, SweepCommandTest.SMALL_SWEEP.replace("replications = 2", "replications = 1"));
        o = SweepCommandTest.fleetsim("sweep", single.toString(), "--out", dir.resolve("s").toString(), "--vms", "20");
        assertEquals(0, o.status(), o.err());
        singleJson = Files.readString(dir.resolve("s/summary.json"));
        json = Files.readString(dir.resolve("r/summary.json"));
        summary = new ObjectMapper().readTree(json);
    }

    @Test
    void replicationsAreNumberedFromOneInBothFiles() throws IOException {
        Map<String, Integer> csv = new HashMap<>();
        try (Reader in = Files.newBufferedReader(dir.resolve("r/summary.csv"))) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                csv.put(r.get("run"), Integer.parseInt(r.get("replication")));
            }
        }
        for (JsonNode run : summary.get("scenarios")) {
            String name = run.get("scenario").asText();
            int replication = run.get("replication").asInt();
            assertEquals(csv.get(name), replication, name);
            assertTrue(name.endsWith("#" + replication), name + " is replication " + replication);
        }
    }

    @Test
    void figuresThatAreNoNumberAreNull() throws IOException {
        assertFalse(json.contains("NaN") || singleJson.contains("NaN"), "no NaN in summary.json");
        JsonNode cell = new ObjectMapper().readTree(singleJson).get("cells").get(0);
        assertEquals(1, cell.get("replications").asInt());
        assertTrue(cell.get("figures").get("boot_p50_s").get("ci95").isNull(), "one replication: no interval");
        assertTrue(cell.get("figures").get("boot_p50_s").get("mean").isNumber());
        JsonNode eager = summary.get("scenarios").get(0);
        assertEquals("profile", eager.get("config").get("workload").get("type").asText(),
                "a profile workload, which never drains nr_unaccepted");
        assertTrue(eager.get("timeToDrain").isNull(), "no VM drained: no percentiles, not zeros: "
                + eager.get("timeToDrain"));
        assertTrue(eager.get("bootToShell").get("count").asInt() > 0, "boot percentiles of the VMs that booted");
    }
}
