package dev.fleetsim.node.study;

import java.nio.file.Path;

/** When VMs arrive. */
public sealed interface ArrivalProcess {

    /** Every VM at t = 0: a boot storm. */
    record Storm() implements ArrivalProcess {
    }

    /** Exponential gaps with {@code perHour} arrivals per hour on average. */
    record Poisson(double perHour) implements ArrivalProcess {
    }

    /**
     * Arrivals, sizes and lifetimes from a trace file, read as {@code reading} says (published formats).
     * {@code inArrivalOrder} is what checking the file at load found: whether its rows come in order of creation,
     * so that it can be read as the run advances rather than sorted first.
     */
    record Trace(Path file, TraceFormat format, TraceReading reading, boolean inArrivalOrder)
            implements ArrivalProcess {
    }
}
