package dev.fleetsim.host;

/** The page sizes a confidential guest can ask to accept and a host can map private memory at. */
public enum PageSize {
    SIZE_4K(4L << 10),
    SIZE_2M(2L << 20),
    SIZE_1G(1L << 30);

    private final long bytes;

    PageSize(long bytes) {
        this.bytes = bytes;
    }

    public long bytes() {
        return bytes;
    }

    /** How many pages of the next smaller size make one of this size (512 on x86 for 2M and 1G). */
    public long splitFactor() {
        return this == SIZE_4K ? 1 : bytes / values()[ordinal() - 1].bytes;
    }

    /** Parses the names studies use: 4K, 2M, 1G. */
    public static PageSize parse(String text) {
        return switch (text.trim().toUpperCase()) {
            case "4K" -> SIZE_4K;
            case "2M" -> SIZE_2M;
            case "1G" -> SIZE_1G;
            default -> throw new BadInputException("page size '" + text + "': allowed 4K, 2M, 1G");
        };
    }

    @Override
    public String toString() {
        return switch (this) {
            case SIZE_4K -> "4K";
            case SIZE_2M -> "2M";
            case SIZE_1G -> "1G";
        };
    }
}
