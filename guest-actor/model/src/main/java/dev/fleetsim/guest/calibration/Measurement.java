package dev.fleetsim.guest.calibration;

import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.host.PageSize;

/**
 * One thing somebody measured on real hardware, with the set-up it was measured on and what had to be assumed
 * about that set-up. {@code baseline} is only used by {@link MeasurementKind#BOOT_RATIO}; {@code workers} is the
 * memory hog's workers for {@link MeasurementKind#DRAIN_SECONDS} and the vCPUs exiting at once for
 * {@link MeasurementKind#EXIT_MICROS}. {@code settings} names the study keys the set-up differs in (the kernel's
 * or the host's behaviour, e.g. {@code guest.reclaim-on-unaccepted = on}), as HOCON lines separated by {@code ;}.
 */
public record Measurement(String id, MeasurementKind kind, GuestSpec guest, AcceptancePolicy baseline,
                          PageSize hostMapping, Target target, String source, String assumptions, int workers,
                          String settings) {

    public Measurement {
        if (kind.needsWorkers() && workers < 1) {
            throw new IllegalArgumentException("measurement " + id + ": " + kind.csvName() + " needs workers >= 1");
        }
        if (kind.needsGuest() && guest == null) {
            throw new IllegalArgumentException("measurement " + id + ": " + kind.csvName() + " needs memory, vcpus,"
                    + " platform and policy");
        }
    }

    /** The measured value (for a bound or range, the limit a fit aims at). */
    public double value() {
        return target.value();
    }
}
