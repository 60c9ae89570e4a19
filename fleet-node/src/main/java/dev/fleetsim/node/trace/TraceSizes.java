package dev.fleetsim.node.trace;

import dev.fleetsim.guest.GuestMemoryLayout;

/** Trace sizes as guests the model boots. */
final class TraceSizes {

    static final double GIB = 1L << 30;
    private static final long STEP = 2L << 20;
    private static final long SMALLEST = 128L << 20;

    private TraceSizes() {
    }

    /**
     * {@code bytes} rounded up to a multiple of 2M, and to 128M if smaller: the sizes the guest model takes
     * ({@link GuestMemoryLayout#SIZE_RULE}). Traces give memory in GB buckets or machine fractions, so a size
     * that is not one of those is a rounding, not a different VM.
     */
    static long guest(double bytes) {
        if (!(bytes > 0)) {
            throw new IllegalArgumentException("memory must be > 0");
        }
        long rounded = Math.max(SMALLEST, (long) Math.ceil(bytes / STEP) * STEP);
        if (!GuestMemoryLayout.validSize(rounded)) {
            throw new IllegalArgumentException("memory " + rounded + " bytes: guests must be "
                    + GuestMemoryLayout.SIZE_RULE);
        }
        return rounded;
    }
}
