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

    /** Arrivals, sizes and lifetimes from a CSV file ({@code arrival_s,memory,vcpus,lifetime_s}). */
    record Trace(Path file) implements ArrivalProcess {
    }
}
