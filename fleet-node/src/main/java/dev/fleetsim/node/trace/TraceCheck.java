package dev.fleetsim.node.trace;

import dev.fleetsim.node.study.ArrivalProcess;

/**
 * Reads a published trace through once when its study is loaded, so that a bad row is reported with its file and
 * line before any run starts (and so before any result is written), and finds whether the rows come in order of
 * creation. It holds one row at a time.
 */
public final class TraceCheck {

    private TraceCheck() {
    }

    /** Whether every row of the trace is valid (else a StudyException names it) and they come in creation order. */
    public static boolean inArrivalOrder(ArrivalProcess.Trace trace) {
        boolean ordered = true;
        double last = Double.NEGATIVE_INFINITY;
        try (TraceReader reader = TraceReader.open(trace)) {
            for (TraceRow row = reader.next(); row != null; row = reader.next()) {
                ordered &= row.createdSeconds() >= last;
                last = row.createdSeconds();
            }
        }
        return ordered;
    }
}
