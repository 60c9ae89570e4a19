package dev.fleetsim.guest.calibration;

import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.host.PageSize;

/**
 * One thing somebody measured on real hardware, with the set-up it was measured on and what had to be assumed
 * about that set-up. {@code baseline} is only used by {@link MeasurementKind#BOOT_RATIO}, {@code workers} by
 * {@link MeasurementKind#DRAIN_SECONDS}.
 */
public record Measurement(String id, MeasurementKind kind, GuestSpec guest, AcceptancePolicy baseline,
                          PageSize hostMapping, double value, String source, String assumptions, int workers) {

    public Measurement {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("measurement " + id + ": value must be > 0, was " + value);
        }
        if (kind == MeasurementKind.DRAIN_SECONDS && workers < 1) {
            throw new IllegalArgumentException("measurement " + id + ": drain_seconds needs workers >= 1");
        }
    }
}
