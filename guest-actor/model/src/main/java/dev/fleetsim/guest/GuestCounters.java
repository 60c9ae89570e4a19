package dev.fleetsim.guest;

import dev.fleetsim.host.BootPhase;

/**
 * What the guest would show in {@code /proc/meminfo} at the end of a phase, plus what it has accepted in all.
 *
 * @param memTotal        memory managed by the page allocator (0 before it exists)
 * @param memFree         free memory, the unaccepted list included
 * @param unaccepted      {@code Unaccepted:} (the unaccepted list)
 * @param acceptedBytes   memory accepted so far by anyone (firmware, stub, decompressor, kernel)
 * @param bitmapUnaccepted memory still marked in the bitmap (differs from {@code unaccepted} by guard units and
 *                        by memory not yet handed to the allocator)
 */
public record GuestCounters(BootPhase phase, long memTotal, long memFree, long unaccepted, long acceptedBytes,
                            long bitmapUnaccepted) {
}
