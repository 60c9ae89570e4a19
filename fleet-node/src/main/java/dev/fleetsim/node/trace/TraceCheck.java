package dev.fleetsim.node.trace;

import dev.fleetsim.node.study.ArrivalProcess;
import dev.fleetsim.node.study.StudyException;
import dev.fleetsim.node.study.TraceFormat;

/**
 * Reads a published trace through once when its study is loaded, so that a bad row is reported with its file and
 * line before any run starts (and so before any result is written), and finds whether the rows come in order of
 * creation. It holds one row at a time.
 */
public final class TraceCheck {

    private TraceCheck() {
    }

    /**
     * Whether every row of the trace is valid (else a StudyException names it) and they come in creation order. A
     * trace without rows is refused as fleetsim's own CSV is: its study would run no VM and write empty results.
     */
    public static boolean inArrivalOrder(ArrivalProcess.Trace trace) {
        boolean ordered = true;
        double last = Double.NEGATIVE_INFINITY;
        long rows = 0;
        try (TraceReader reader = TraceReader.open(trace)) {
            for (TraceRow row = reader.next(); row != null; row = reader.next()) {
                ordered &= row.createdSeconds() >= last;
                last = row.createdSeconds();
                rows++;
            }
        }
        if (rows == 0) {
            throw new StudyException(trace.file().toString(), "arrival.file", "no VMs in the trace (expected "
                    + (trace.format() == TraceFormat.AZURE_VMTABLE ? "a row per VM, no header: "
                    + VmTableReader.COLUMNS : "a row per VM in table vm(" + PackingTraceReader.VM_COLUMNS + ")")
                    + ")");
        }
        return ordered;
    }
}
