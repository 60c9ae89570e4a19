package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        List<VmPlan> fleet = FleetGenerator.generate(study.scenarios().get(0));
        assertEquals(2, fleet.size(), "the arrival after the study's end is left out");
        assertEquals(4L << 30, fleet.get(0).memoryBytes());
        assertEquals(0, fleet.get(0).arrivalNanos());
        assertEquals(3_600_000_000_000L, fleet.get(0).lifetimeNanos());
        assertEquals("8G", fleet.get(1).vmClass());
        assertEquals(30_000_000_000L, fleet.get(1).arrivalNanos());
    }

    @Test
    void badTraceRowIsNamedByLine() throws Exception {
        Files.writeString(dir.resolve("arrivals.csv"), "arrival_s,memory,vcpus,lifetime_s\n0,lots,1,60\n");
        StudyLoader.Study study = Studies.load(dir, "trace", "arrival { process = trace, file = arrivals.csv }\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.fleetsim.host.BadInputException.class,
                () -> FleetGenerator.generate(study.scenarios().get(0)));
        assertEquals(dir.resolve("arrivals.csv") + ":2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): "
                + "size 'lots': expected a whole number with an optional K, M, G, T or P suffix", e.getMessage());
    }

    @Test
    void traceRowWithAGuestTheModelCannotBootIsNamedByLine() throws Exception {
        Files.writeString(dir.resolve("arrivals.csv"), "arrival_s,memory,vcpus,lifetime_s\n0,4G,1,60\n1,64M,1,60\n"
                + "2,4G,0,60\n");
        StudyLoader.Study study = Studies.load(dir, "trace", "arrival { process = trace, file = arrivals.csv }\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.fleetsim.host.BadInputException.class,
                () -> FleetGenerator.generate(study.scenarios().get(0)));
        assertEquals(dir.resolve("arrivals.csv") + ":3: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): "
                + "memory must be a multiple of 2M, at least 128M and at most 8T", e.getMessage());
        Files.writeString(dir.resolve("arrivals.csv"), "arrival_s,memory,vcpus,lifetime_s\n2,4G,0,60\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(dev.fleetsim.host.BadInputException.class,
                () -> FleetGenerator.generate(study.scenarios().get(0)));
        assertEquals(dir.resolve("arrivals.csv") + ":2: arrival.file: bad row (arrival_s,memory,vcpus,lifetime_s): "
                + "vcpus must be 1 to 1024", e.getMessage());
    }
}
