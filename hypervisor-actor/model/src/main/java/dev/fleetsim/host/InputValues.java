package dev.fleetsim.host;

/**
 * Reads one cell of a user's file (a trace, a measurement) as what it looks like, or fails with a
 * {@link BadInputException} naming the column, the text and what is allowed (the reader adds {@code file:line}):
 * NaN, infinities, fractions where a whole number belongs and values out of range are refused rather than rounded
 * or clamped.
 */
public final class InputValues {

    private InputValues() {
    }

    /** A finite decimal number within {@code [min, max]}. */
    public static double number(String column, String text, double min, double max) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw bad(column, text, "is not a number; allowed " + range(min, max));
        }
        if (!Double.isFinite(value) || value < min || value > max) {
            throw bad(column, text, "is out of range; allowed " + range(min, max));
        }
        return value;
    }

    /** A whole number within {@code [min, max]}. */
    public static int wholeNumber(String column, String text, int min, int max) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw bad(column, text, "is not a whole number; allowed " + min + ".." + max);
        }
        if (value < min || value > max) {
            throw bad(column, text, "is out of range; allowed " + min + ".." + max);
        }
        return (int) value;
    }

    /** A byte size as {@link Sizes#parse} reads it. */
    public static long size(String column, String text) {
        try {
            return Sizes.parse(text);
        } catch (BadInputException e) {
            throw new BadInputException(column + ": " + e.getMessage());
        }
    }

    /** Seconds as a file gives them (finite, within {@code [min, max]}), as whole virtual nanoseconds. */
    public static long seconds(String column, String text, double min, double max) {
        return Math.round(number(column, text, min, max) * 1e9);
    }

    /**
     * What a parser's exception says, for a one-line message: the first line of the innermost cause's message, without
     * the class names that wrapping adds (a CSV library's unclosed quote arrives as an UncheckedIOException).
     */
    public static String reason(Throwable e) {
        Throwable inner = e;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        String message = inner.getMessage() != null ? inner.getMessage() : e.getMessage();
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    public static BadInputException bad(String column, String text, String problem) {
        return new BadInputException(column + ": '" + text + "' " + problem);
    }

    private static String range(double min, double max) {
        return "a finite number from " + plain(min) + " to " + plain(max);
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
