package dev.fleetsim.guest.calibration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a measurement says of its quantity: a value ({@code 24}), a bound ({@code <15}, {@code >90}) or a range
 * ({@code 40-50}). A prediction inside a bound or range has no error; outside, its error is relative to the
 * nearest limit.
 */
public record Target(double low, double high) {

    private static final Pattern RANGE = Pattern.compile("(\\d+(?:\\.\\d+)?)-(\\d+(?:\\.\\d+)?)");

    public Target {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high || high <= 0) {
            throw new IllegalArgumentException("value must be a number > 0, <x, >x or a range a-b with a <= b");
        }
    }

    public static Target point(double value) {
        return new Target(value, value);
    }

    public static Target parse(String text) {
        String t = text.trim();
        Matcher range = RANGE.matcher(t);
        if (range.matches()) {
            return new Target(Double.parseDouble(range.group(1)), Double.parseDouble(range.group(2)));
        }
        if (t.startsWith("<")) {
            return new Target(Double.NEGATIVE_INFINITY, positive(t.substring(1)));
        }
        if (t.startsWith(">")) {
            return new Target(positive(t.substring(1)), Double.POSITIVE_INFINITY);
        }
        return point(positive(t));
    }

    private static double positive(String text) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number (allowed: x, <x, >x, a-b)");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("must be > 0 and finite, was " + text.trim());
        }
        return value;
    }

    public boolean isPoint() {
        return low == high;
    }

    /** The value a fit aims at: the point, or for a bound or range the limit a prediction would cross. */
    public double value() {
        return isPoint() ? low : Double.isInfinite(low) ? high : low;
    }

    /** The prediction's error: 0 inside the target, else relative to the nearest limit. */
    public double relativeError(double predicted) {
        if (predicted < low) {
            return predicted / low - 1;
        }
        if (predicted > high) {
            return predicted / high - 1;
        }
        return 0;
    }

    @Override
    public String toString() {
        if (isPoint()) {
            return format(low);
        }
        if (Double.isInfinite(low)) {
            return "<" + format(high);
        }
        return Double.isInfinite(high) ? ">" + format(low) : format(low) + "-" + format(high);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
