package dev.fleetsim.host;

/** Byte sizes and the alignment arithmetic every model here needs (Java 17 has no {@code Sizes.ceilDiv}). */
public final class Sizes {

    public static final long KIB = 1L << 10;
    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;
    public static final long TIB = 1L << 40;
    public static final long PIB = 1L << 50;

    private Sizes() {
    }

    public static long ceilDiv(long value, long divisor) {
        return -Math.floorDiv(-value, divisor);
    }

    public static long roundUp(long value, long unit) {
        return ceilDiv(value, unit) * unit;
    }

    public static long roundDown(long value, long unit) {
        return Math.floorDiv(value, unit) * unit;
    }

    /** Parses sizes as studies write them: {@code 4G}, {@code 512M}, {@code 64K}, {@code 1T}, or plain bytes. */
    public static long parse(String text) {
        String t = text.trim().toUpperCase();
        if (t.endsWith("IB") || t.endsWith("B") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
            t = t.substring(0, t.indexOf('B') - (t.endsWith("IB") ? 1 : 0));
        }
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> KIB;
            case 'M' -> MIB;
            case 'G' -> GIB;
            case 'T' -> TIB;
            case 'P' -> PIB;
            default -> 1;
        };
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long value = Long.parseLong(digits.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadInputException(
                    "size '" + text + "': expected a whole number with an optional K, M, G, T or P suffix");
        }
    }

    /** The largest binary unit that divides {@code bytes}, for humans: 4G, 2M, 4100K. */
    public static String format(long bytes) {
        String[] suffixes = {"P", "T", "G", "M", "K"};
        long[] units = {PIB, TIB, GIB, MIB, KIB};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % units[i] == 0) {
                return bytes / units[i] + suffixes[i];
            }
        }
        return Long.toString(bytes);
    }
}
