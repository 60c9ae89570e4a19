package dev.fleetsim.host;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * The virtual time a VM spent in each {@link BootPhase}, indexed by ordinal. A value: a million VM outcomes are
 * held until a run's result files are written, and boxed times in lists cost more than the outcomes themselves.
 */
public record PhaseTimes(long[] nanos) {

    public PhaseTimes {
        if (nanos.length != BootPhase.values().length) {
            throw new IllegalArgumentException(nanos.length + " phase times for " + BootPhase.values().length
                    + " phases");
        }
        nanos = nanos.clone();
    }

    public long of(BootPhase phase) {
        return nanos[phase.ordinal()];
    }

    /** The times in phase order. */
    public LongStream stream() {
        return Arrays.stream(nanos);
    }

    @Override
    public long[] nanos() {
        return nanos.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhaseTimes p && Arrays.equals(nanos, p.nanos);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nanos);
    }

    @Override
    public String toString() {
        return Arrays.toString(nanos);
    }
}
