package dev.fleetsim.node.trace;

import dev.fleetsim.node.fleet.FleetGenerator;
import dev.fleetsim.node.fleet.FleetSource;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers for trace tests: a study over a trace file, and the fleet it gives. */
final class TraceFiles {

    private TraceFiles() {
    }

    /** The first scenario of a study in {@code dir} whose arrival block is {@code arrival}. */
    static RunConfig study(Path dir, String arrival, String more) {
        try {
            Path file = dir.resolve("trace-study.conf");
            Files.writeString(file, "name = t\nvms = 1000000\nduration = 30d\narrival { process = trace, " + arrival
                    + " }\n" + more + "\nscenarios = [ { name = lazy, policy = lazy } ]\n");
            return StudyLoader.load(file).runs().get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<VmPlan> fleet(RunConfig study) {
        return drain(FleetGenerator.source(study));
    }

    static List<VmPlan> drain(FleetSource source) {
        List<VmPlan> fleet = new ArrayList<>();
        try (source) {
            while (source.nextArrivalNanos() != Long.MAX_VALUE) {
                fleet.add(source.next());
            }
        }
        return fleet;
    }
}
