package dev.fleetsim.node.fleet;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.guest.GuestMemoryLayout;
import dev.fleetsim.host.InputValues;
import dev.fleetsim.host.Sizes;
import dev.fleetsim.node.study.ArrivalProcess;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyException;
import dev.fleetsim.node.study.TextFiles;
import dev.fleetsim.node.study.VmClass;
import dev.fleetsim.node.trace.TraceFleet;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
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
    public static FleetSource source(RunConfig study) {
        if (study.arrival() instanceof ArrivalProcess.Trace trace && trace.format().published()) {
            return TraceFleet.open(study, trace);
        }
        return FleetSource.of(generate(study));
    }

    /** The fleet of a study whose fleet is drawn or given in fleetsim's own CSV. */
    public static List<VmPlan> generate(RunConfig study) {
        return study.arrival() instanceof ArrivalProcess.Trace trace ? fromTrace(study, trace) : drawn(study);
    }

    private static List<VmPlan> drawn(RunConfig study) {
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
    private static List<VmPlan> fromTrace(RunConfig study, ArrivalProcess.Trace trace) {
        List<VmPlan> fleet = new ArrayList<>();
        long id = 0;
        for (TraceRow row : traceRows(trace.file())) {
            if (id >= study.vms()) {
                break;
            }
            if (row.arrivalNanos() >= study.durationNanos()) {
                continue;
            }
            fleet.add(new VmPlan(id, Sizes.format(row.memory()), row.memory(), row.vcpus(), row.arrivalNanos(),
                    row.lifetimeNanos(), Seeds.of(study.seed(), id)));
            id++;
        }
        fleet.sort(java.util.Comparator.comparingLong(VmPlan::arrivalNanos).thenComparingLong(VmPlan::vmId));
        return fleet;
    }

    /** Reads every row of a CSV trace, so that a study is refused at load for any bad one (named by its line). */
    public static void checkTrace(Path file) {
        traceRows(file);
    }

    private static final String TRACE_COLUMNS = "arrival_s,memory,vcpus,lifetime_s";
    /** The latest arrival and longest lifetime a trace may give: a thousand years, far within virtual nanoseconds. */
    private static final double MAX_TRACE_SECONDS = 3.2e10;

    /** One row of a CSV trace, checked. */
    private record TraceRow(long arrivalNanos, long memory, int vcpus, long lifetimeNanos) {
    }

    private static List<TraceRow> traceRows(Path file) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                .setIgnoreSurroundingSpaces(true).get();
        List<TraceRow> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file); CSVParser parser = format.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            for (String column : TRACE_COLUMNS.split(",")) {
                if (!header.contains(column)) {
                    throw new StudyException(file.toString(), "arrival.file", "header lacks column '" + column
                            + "' (expected " + TRACE_COLUMNS + ")");
                }
            }
            for (CSVRecord row : parser) {
                rows.add(traceRow(file + ":" + row.getParser().getCurrentLineNumber(), row, header.size()));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            // an unclosed quote (UncheckedIOException) or a header with an empty or repeated name (the parser's
            // IllegalArgumentException)
            throw new StudyException(file.toString(), "arrival.file", "cannot read it as CSV: "
                    + TextFiles.readFailure(e));
        }
        if (rows.isEmpty()) {
            throw new StudyException(file.toString(), "arrival.file", "no VMs in the trace (expected a header "
                    + TRACE_COLUMNS + " and a row per VM)");
        }
        return rows;
    }

    private static TraceRow traceRow(String where, CSVRecord row, int columns) {
        try {
            if (row.size() != columns) {
                throw new BadInputException(row.size() + " columns, the header has " + columns);
            }
            long arrival = InputValues.seconds("arrival_s", row.get("arrival_s"), 0, MAX_TRACE_SECONDS);
            long memory = InputValues.size("memory", row.get("memory"));
            if (!GuestMemoryLayout.validSize(memory)) {
                throw new BadInputException("memory must be " + GuestMemoryLayout.SIZE_RULE);
            }
            int vcpus = InputValues.wholeNumber("vcpus", row.get("vcpus"), 1, 1024);
            long lifetime = InputValues.seconds("lifetime_s", row.get("lifetime_s"), 1e-9, MAX_TRACE_SECONDS);
            return new TraceRow(arrival, memory, vcpus, lifetime);
        } catch (BadInputException e) {
            throw new StudyException(where, "arrival.file", "bad row (" + TRACE_COLUMNS + "): " + e.getMessage());
        }
    }
}
