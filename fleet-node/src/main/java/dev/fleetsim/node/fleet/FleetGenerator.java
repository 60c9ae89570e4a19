package dev.fleetsim.node.fleet;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.guest.GuestMemoryLayout;
import dev.fleetsim.host.Sizes;
import dev.fleetsim.node.study.ArrivalProcess;
import dev.fleetsim.node.study.StudyConfig;
import dev.fleetsim.node.study.StudyException;
import dev.fleetsim.node.study.VmClass;
import dev.fleetsim.node.trace.TraceFleet;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Draws the fleet from the study's seed. A VM's class, lifetime and model seed come from its own generator
 * ({@link Seeds#of}(seed, id)); Poisson arrival gaps come from one fleet-wide stream, in id order. VMs are numbered
 * in arrival order, and those arriving after the study's end are left out.
 */
public final class FleetGenerator {

    private FleetGenerator() {
    }

    /** The study's fleet in arrival order: a published trace read as the run advances, any other in memory. */
    public static FleetSource source(StudyConfig study) {
        if (study.arrival() instanceof ArrivalProcess.Trace trace && trace.format().published()) {
            return TraceFleet.open(study, trace);
        }
        return FleetSource.of(generate(study));
    }

    /** The fleet of a study whose fleet is drawn or given in fleetsim's own CSV. */
    public static List<VmPlan> generate(StudyConfig study) {
        return study.arrival() instanceof ArrivalProcess.Trace trace ? fromTrace(study, trace) : drawn(study);
    }

    private static List<VmPlan> drawn(StudyConfig study) {
        SplittableRandom gaps = new SplittableRandom(Seeds.of(study.seed(), Seeds.ARRIVALS));
        double meanGapNanos = study.arrival() instanceof ArrivalProcess.Poisson p ? 3600e9 / p.perHour() : 0;
        double totalWeight = study.vmClasses().stream().mapToDouble(VmClass::weight).sum();
        List<VmPlan> fleet = new ArrayList<>(study.vms());
        double arrival = 0;
        for (long id = 0; id < study.vms(); id++) {
            if (meanGapNanos > 0) {
                arrival += -Math.log(1 - gaps.nextDouble()) * meanGapNanos;
            }
            if (arrival >= study.durationNanos()) {
                break;
            }
            SplittableRandom own = new SplittableRandom(Seeds.of(study.seed(), id));
            VmClass c = pick(study.vmClasses(), own.nextDouble() * totalWeight);
            fleet.add(new VmPlan(id, c.name(), c.memoryBytes(), c.vcpus(), (long) arrival,
                    study.lifetime().sampleNanos(own), own.nextLong()));
        }
        return fleet;
    }

    private static VmClass pick(List<VmClass> classes, double point) {
        double cumulative = 0;
        for (VmClass c : classes) {
            cumulative += c.weight();
            if (point < cumulative) {
                return c;
            }
        }
        return classes.get(classes.size() - 1);
    }

    /** Trace rows {@code arrival_s,memory,vcpus,lifetime_s}, sorted by arrival; class names are the memory size. */
    private static List<VmPlan> fromTrace(StudyConfig study, ArrivalProcess.Trace trace) {
        List<VmPlan> fleet = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                .setIgnoreSurroundingSpaces(true).get();
        try (Reader reader = Files.newBufferedReader(trace.file())) {
            long id = 0;
            for (CSVRecord row : format.parse(reader)) {
                if (id >= study.vms()) {
                    break;
                }
                String where = trace.file() + ":" + row.getParser().getCurrentLineNumber();
                try {
                    long arrival = Math.round(Double.parseDouble(row.get("arrival_s")) * 1e9);
                    long memory = Sizes.parse(row.get("memory"));
                    int vcpus = Integer.parseInt(row.get("vcpus"));
                    if (!GuestMemoryLayout.validSize(memory)) {
                        throw new BadInputException("memory must be " + GuestMemoryLayout.SIZE_RULE);
                    }
                    if (vcpus < 1 || vcpus > 1024) {
                        throw new BadInputException("vcpus must be 1 to 1024");
                    }
                    if (arrival >= study.durationNanos()) {
                        continue;
                    }
                    fleet.add(new VmPlan(id, Sizes.format(memory), memory, vcpus,
                            arrival, Math.round(Double.parseDouble(row.get("lifetime_s")) * 1e9),
                            Seeds.of(study.seed(), id)));
                    id++;
                } catch (BadInputException | IllegalArgumentException e) {
                    throw new StudyException(where, "arrival.file", "bad row (arrival_s,memory,vcpus,lifetime_s): "
                            + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new StudyException(trace.file().toString(), "arrival.file", e.getMessage());
        }
        fleet.sort(java.util.Comparator.comparingLong(VmPlan::arrivalNanos).thenComparingLong(VmPlan::vmId));
        return fleet;
    }
}
