package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.node.fleet.FleetGenerator;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.StudyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceArrivalTest {

    @TempDir
    Path dir;

    @Test
    void traceGivesArrivalsSizesAndLifetimesSortedByArrival() throws Exception {
        Files.writeString(dir.resolve("arrivals.csv"), """
                arrival_s,memory,vcpus,lifetime_s
                # a comment
                30,8G,2,600
                0,4G,1,3600
                99999,2G,1,60
                """);
        StudyLoader.Study study = Studies.load(dir, "trace",
                "arrival { process = trace, file = arrivals.csv }\nduration = 1h\n");
        List<VmPlan> fleet = FleetGenerator.generate(study.runs().get(0));
        assertEquals(2, fleet.size(), "the arrival after the study's end is left out");
        assertEquals(4L << 30, fleet.get(0).memoryBytes());
        assertEquals(0, fleet.get(0).arrivalNanos());
        assertEquals(3_600_000_000_000L, fleet.get(0).lifetimeNanos());
        assertEquals("8G", fleet.get(1).vmClass());
        assertEquals(30_000_000_000L, fleet.get(1).arrivalNanos());
    }

    /** The one line loading a study over {@code trace} fails with, the trace's path shortened to its name. */
    private String loadFailure(String trace) throws Exception {
        Files.writeString(dir.resolve("arrivals.csv"), trace);
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.fleetsim.host.BadInputException.class,
                () -> Studies.load(dir, "trace", "arrival { process = trace, file = arrivals.csv }\n"));
        return e.getMessage().replace(dir.resolve("arrivals.csv").toString(), "arrivals.csv");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
        not a size          | 0,lots,1,60     | arrivals.csv:2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): memory: size 'lots': expected a whole number with an optional K, M, G, T or P suffix
        guest too small     | 1,64M,1,60      | arrivals.csv:2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): memory must be a multiple of 2M, at least 128M and at most 8T
        no vcpus            | 2,4G,0,60       | arrivals.csv:2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): vcpus: '0' is out of range; allowed 1..1024
        fractional vcpus    | 2,4G,1.5,60     | arrivals.csv:2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): vcpus: '1.5' is not a whole number; allowed 1..1024
        NaN arrival         | NaN,4G,1,60     | arrivals.csv:2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): arrival_s: 'NaN' is out of range; allowed a finite number from 0 to 32000000000
        infinite arrival    | Infinity,4G,1,60 | arrivals.csv:2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): arrival_s: 'Infinity' is out of range
        negative arrival    | -500,4G,1,60    | arrivals.csv:2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): arrival_s: '-500' is out of range
        NaN lifetime        | 0,4G,1,NaN      | arrivals.csv:2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): lifetime_s: 'NaN' is out of range
        zero lifetime       | 0,4G,1,0        | arrivals.csv:2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): lifetime_s: '0' is out of range
        short row           | 0,4G,1          | arrivals.csv:2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): 3 columns, the header has 4
        """)
    void badTraceRowIsRefusedAtLoadByLine(String name, String row, String expected) throws Exception {
        String message = loadFailure("arrival_s,memory,vcpus,lifetime_s\n" + row + "\n");
        org.junit.jupiter.api.Assertions.assertTrue(message.startsWith(expected), message);
    }

    @Test
    void aBadRowAfterGoodOnesIsNamedByItsLine() throws Exception {
        assertEquals("arrivals.csv:4: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): vcpus: '0' is out "
                + "of range; allowed 1..1024", loadFailure("arrival_s,memory,vcpus,lifetime_s\n0,4G,1,60\n"
                + "# a comment\n2,4G,0,60\n"));
    }

    @Test
    void anEmptyTraceIsRefused() throws Exception {
        assertEquals("arrivals.csv: arrival.file: no VMs in the trace (expected a header arrival_s,memory,vcpus,"
                + "lifetime_s and a row per VM)", loadFailure("arrival_s,memory,vcpus,lifetime_s\n"));
        assertTrue(loadFailure("").startsWith("arrivals.csv: arrival.file: header lacks column 'arrival_s'"));
    }

    @Test
    void aHeaderWithoutAColumnIsRefused() throws Exception {
        assertEquals("arrivals.csv: arrival.file: header lacks column 'lifetime_s' (expected arrival_s,memory,vcpus,"
                + "lifetime_s)", loadFailure("arrival_s,memory,vcpus\n0,4G,1\n"));
    }

    @Test
    void aTouchTraceWithNaNOrNoPointsIsRefusedAtLoad() throws Exception {
        String study = "workload { type = trace, file = touch.csv }\n";
        Files.writeString(dir.resolve("touch.csv"), "time_s,touched\n0,1G\nNaN,2G\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.fleetsim.host.BadInputException.class,
                () -> Studies.load(dir, "touch", study));
        assertEquals(dir.resolve("touch.csv") + ":3: workload.file: bad row (time_s,touched): time_s: 'NaN' is out of "
                + "range; allowed a finite number from 0 to 32000000000", e.getMessage());
        Files.writeString(dir.resolve("touch.csv"), "time_s,touched\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(dev.fleetsim.host.BadInputException.class,
                () -> Studies.load(dir, "touch", study));
        assertTrue(e.getMessage().endsWith("touch.csv: workload.file: no points (expected a header time_s,touched "
                + "and a row per point)"), e.getMessage());
    }

    @Test
    void aQuotedFieldHoldingALineBreakIsEchoedOnOneLine() throws Exception {
        Files.writeString(dir.resolve("touch.csv"), "time_s,touched\n0,0\n60,\"1G\n120,2G\"\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.fleetsim.host.BadInputException.class,
                () -> Studies.load(dir, "touch", "workload { type = trace, file = touch.csv }\n"));
        assertEquals(dir.resolve("touch.csv") + ":4: workload.file: bad row (time_s,touched): touched: size '1G\\n"
                + "120,2G': expected a whole number with an optional K, M, G, T or P suffix", e.getMessage());
    }

    @Test
    void aLatin1TraceIsOneLineSayingItIsNotUtf8() throws Exception {
        Files.write(dir.resolve("arrivals.csv"), "arrival_s,memory,vcpus,lifetime_s\n0,4G,1,60 # caf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.fleetsim.host.BadInputException.class,
                () -> Studies.load(dir, "latin", "arrival { process = trace, file = arrivals.csv }\n"));
        assertEquals(dir.resolve("arrivals.csv") + ": arrival.file: cannot read it as CSV: not UTF-8 text (Input "
                + "length = 1); save it as UTF-8, not UTF-16 or Latin-1", e.getMessage());
    }
}
