package dev.fleetsim.guest;

import dev.fleetsim.host.BadInputException;

/**
 * How a workload touches memory after boot: it reaches {@code touchedFraction} of guest memory along a ramp of
 * {@code rampNanos}, sampled at {@code points} instants. Public traces have no memory-use series (FACTS.md 5), so
 * this is a study parameter; Pond reports about half of rented memory is never touched.
 */
public record TouchProfile(double touchedFraction, Ramp ramp, long rampNanos, int points) {

    /** The shape of the ramp from 0 to the touched fraction. */
    public enum Ramp {
        /** Evenly over the ramp time. */
        LINEAR,
        /** All at once when the ramp time has passed. */
        STEP,
        /** Fast first: 1 - e^(-5t/T), normalised to reach the target at T. */
        EXPONENTIAL;

        double at(double t) {
            return switch (this) {
                case LINEAR -> t;
                case STEP -> t >= 1 ? 1 : 0;
                case EXPONENTIAL -> (1 - Math.exp(-5 * t)) / (1 - Math.exp(-5));
            };
        }
    }

    public TouchProfile {
        if (touchedFraction < 0 || touchedFraction > 1 || Double.isNaN(touchedFraction)) {
            throw new IllegalArgumentException("touched fraction must be within 0..1, was " + touchedFraction);
        }
        if (rampNanos < 0 || points < 1) {
            throw new IllegalArgumentException("ramp time must be >= 0 and points >= 1");
        }
    }

    /** Bytes touched by the workload {@code sinceShellNanos} after the shell prompt, of {@code memoryBytes}. */
    public long touchedBytes(long memoryBytes, long sinceShellNanos) {
        double t = rampNanos == 0 ? 1 : Math.min(1.0, (double) sinceShellNanos / rampNanos);
        return (long) (touchedFraction * ramp.at(t) * memoryBytes);
    }
}
