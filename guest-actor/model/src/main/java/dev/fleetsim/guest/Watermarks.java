package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.KIB;

/**
 * A zone's free-memory watermarks ({@code mm/page_alloc.c: __setup_per_zone_wmarks}). All are zero until
 * {@code init_per_zone_wmark_min} runs in early initcalls; the lazy-acceptance rules behave differently before that.
 */
public record Watermarks(long min, long low, long high, long promo) {

    public static final Watermarks UNINITIALISED = new Watermarks(0, 0, 0, 0);
    /** {@code watermark_scale_factor}'s default, in ten-thousandths of managed memory. */
    static final long SCALE_FACTOR = 10;

    /**
     * The kernel's defaults for one zone of {@code managedBytes}: {@code min_free_kbytes = sqrt(16 * lowmem_kbytes)}
     * clamped to [128, 262144], then each further mark is the previous plus {@code max(min / 4, 0.1% of managed)}.
     */
    public static Watermarks forManagedBytes(long managedBytes) {
        long minFreeKbytes = Math.max(128, Math.min(262_144, (long) Math.sqrt(16.0 * (managedBytes / KIB))));
        long min = minFreeKbytes * KIB;
        long step = Math.max(min / 4, managedBytes * SCALE_FACTOR / 10_000);
        return new Watermarks(min, min + step, min + 2 * step, min + 3 * step);
    }

    public boolean initialised() {
        return promo > 0;
    }
}
