package dev.fleetsim.guest.calibration;

/**
 * A model constant calibration may move, in the unit it is fitted in (chosen so that all are of similar size for
 * the optimiser), within bounds that keep it physically plausible.
 *
 * @param key   the study key it sets
 * @param unit  what one unit of the fitted value is, as a HOCON suffix ({@code s}, {@code us}) or empty
 * @param why   the reason for the bounds
 */
public record FreeConstant(String key, String unit, double lower, double upper, String why) {

    public FreeConstant {
        if (!(lower < upper)) {
            throw new IllegalArgumentException(key + ": lower bound must be below the upper");
        }
    }

    double clamp(double value) {
        return Math.max(lower, Math.min(upper, value));
    }

    /** The value as a study states it, e.g. {@code 7.1us}. */
    public String format(double value) {
        return unit.isEmpty() ? String.format("%.6g", value) : String.format("%.6g%s", value, unit);
    }
}
