package dev.fleetsim.node.trace;

import dev.fleetsim.host.Sizes;
import dev.fleetsim.node.fleet.FleetSource;
import dev.fleetsim.node.fleet.Seeds;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.ArrivalProcess;
import dev.fleetsim.node.study.RunConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The fleet of a published trace, read as placement reaches it. A file whose rows come in order of creation (what
 * the check at load found) is read row by row as the run advances and closed once the study's end is passed;
 * another is put in order first by an {@link ArrivalSorter}. VMs are numbered from 0 in arrival order, ties in
 * file order, and at most the study's {@code vms} are taken; a VM's class is its memory size.
 */
public final class TraceFleet implements FleetSource {

    private final RunConfig study;
    private final TraceReader reader;
    private final TraceTimeline timeline;
    private final boolean inOrder;
    private final ArrivalSorter sorter;
    private final Map<Long, String> classNames = new HashMap<>();
    private TraceTimeline.Arrival head;
    private long rows;
    private long id;
    private boolean readerDone;

    private TraceFleet(RunConfig study, ArrivalProcess.Trace trace, int chunk) {
        this.study = study;
        this.timeline = new TraceTimeline(trace.reading(), study.durationNanos());
        this.reader = TraceReader.open(trace);
        this.inOrder = trace.inArrivalOrder();
        this.sorter = inOrder ? null : new ArrivalSorter(this::readArrival, chunk);
        if (sorter != null) {
            closeReader();
        }
        advance();
    }

    public static FleetSource open(RunConfig study, ArrivalProcess.Trace trace) {
        return new TraceFleet(study, trace, ArrivalSorter.CHUNK);
    }

    /** The same fleet, sorted {@code chunk} VMs to a temporary file if its rows are out of order. */
    static FleetSource open(RunConfig study, ArrivalProcess.Trace trace, int chunk) {
        return new TraceFleet(study, trace, chunk);
    }

    @Override
    public long nextArrivalNanos() {
        return head == null ? Long.MAX_VALUE : head.arrivalNanos();
    }

    @Override
    public VmPlan next() {
        TraceTimeline.Arrival a = head;
        String name = classNames.computeIfAbsent(a.memoryBytes(), Sizes::format);
        VmPlan vm = new VmPlan(id, name, a.memoryBytes(), a.vcpus(), a.arrivalNanos(), a.lifetimeNanos(),
                Seeds.of(study.seed(), id));
        id++;
        advance();
        return vm;
    }

    private void advance() {
        head = id >= study.vms() ? null : sorter != null ? sorter.next() : readArrival();
        if (head == null) {
            close();
        }
    }

    /** The next row's VM that is in the study, in file order; null after the last that can be. */
    private TraceTimeline.Arrival readArrival() {
        while (!readerDone) {
            TraceRow row = reader.next();
            if (row == null || inOrder && timeline.afterEnd(row)) {
                closeReader();
                return null;
            }
            TraceTimeline.Arrival a = timeline.place(row, rows++);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    private void closeReader() {
        if (!readerDone) {
            readerDone = true;
            reader.close();
        }
    }

    @Override
    public void close() {
        closeReader();
        if (sorter != null) {
            sorter.close();
        }
    }
}
