package dev.fleetsim.guest.calibration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a measurement says of its quantity: a value ({@code 24}), a reading with its resolution ({@code 24+-1}:
 * the instrument could not tell 23 from 25), a bound ({@code <15}, {@code >90}) or a range ({@code 40-50}). A
 * prediction inside a bound, range or a reading's resolution has no error; outside, its error is relative to the
 * nearest limit. A fit still aims at a reading itself ({@link #errorAgainstReading}): the resolution says what
 * counts as a hit, not where the truth most likely is.
 */
public record Target(double low, double high, double resolution) {

    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final Pattern RANGE = Pattern.compile(NUMBER + "-" + NUMBER);
    private static final Pattern READING = Pattern.compile(NUMBER + "\\s*(?:\\+-|\u00b1)\\s*" + NUMBER);
    private static final String ALLOWED = "allowed: x, <x, >x, a-b, x+-r";

    public Target {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high || high <= 0) {
            throw new IllegalArgumentException("value must be a number > 0 (" + ALLOWED + ", a <= b)");
        }
        if (!(resolution >= 0) || Double.isInfinite(resolution) || resolution > 0 && low != high) {
            throw new IllegalArgumentException("a resolution is a finite number >= 0 of a point's reading ("
                    + ALLOWED + ")");
        }
    }

    public static Target point(double value) {
        return new Target(value, value, 0);
    }

    public static Target reading(double value, double resolution) {
        return new Target(value, value, resolution);
    }

    public static Target parse(String text) {
        String t = text.trim();
        Matcher range = RANGE.matcher(t);
        if (range.matches()) {
            return new Target(Double.parseDouble(range.group(1)), Double.parseDouble(range.group(2)), 0);
        }
        Matcher reading = READING.matcher(t);
        if (reading.matches()) {
            return reading(positive(reading.group(1)), Double.parseDouble(reading.group(2)));
        }
        if (t.startsWith("<")) {
            return new Target(Double.NEGATIVE_INFINITY, positive(t.substring(1)), 0);
        }
        if (t.startsWith(">")) {
            return new Target(positive(t.substring(1)), Double.POSITIVE_INFINITY, 0);
        }
        return point(positive(t));
    }

    private static double positive(String text) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number (" + ALLOWED + ")");
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

    /** The prediction's error: 0 inside the target (a reading's resolution included), else to the nearest limit. */
    public double relativeError(double predicted) {
        return errorOutside(predicted, low - resolution, high + resolution);
    }

    /** The error a fit minimises: as {@link #relativeError}, except that a reading counts without its resolution. */
    public double errorAgainstReading(double predicted) {
        return errorOutside(predicted, low, high);
    }

    private static double errorOutside(double predicted, double lower, double upper) {
        if (predicted < lower) {
            return predicted / lower - 1;
        }
        if (predicted > upper) {
            return predicted / upper - 1;
        }
        return 0;
    }

    @Override
    public String toString() {
        if (isPoint()) {
            return resolution > 0 ? format(low) + "+-" + format(resolution) : format(low);
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
