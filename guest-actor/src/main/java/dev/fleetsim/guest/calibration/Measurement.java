package dev.fleetsim.guest.calibration;

import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.host.PageSize;

/**
 * One thing somebody measured on real hardware, with the set-up it was measured on and what had to be assumed
 * about that set-up. {@code baseline} is only used by {@link MeasurementKind#BOOT_RATIO}.
 */
public record Measurement(String id, MeasurementKind kind, GuestSpec guest, AcceptancePolicy baseline,
                          PageSize hostMapping, double value, String source, String assumptions) {

    public Measurement {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("measurement " + id + ": value must be > 0, was " + value);
        }
    }
}
