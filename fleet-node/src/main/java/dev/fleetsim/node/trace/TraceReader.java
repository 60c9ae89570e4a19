package dev.fleetsim.node.trace;

import dev.fleetsim.node.study.ArrivalProcess;

/** The rows of a published trace in file order; a bad row is a {@link dev.fleetsim.node.study.StudyException}. */
interface TraceReader extends AutoCloseable {

    /** The next row, or null after the last. */
    TraceRow next();

    @Override
    void close();

    static TraceReader open(ArrivalProcess.Trace trace) {
        return switch (trace.format()) {
            case AZURE_VMTABLE -> new VmTableReader(trace.file(), trace.reading());
            case AZURE_PACKING_2020 -> new PackingTraceReader(trace.file(), trace.reading());
            case CSV -> throw new IllegalArgumentException("fleetsim's own CSV is read by FleetGenerator");
        };
    }
}
