package dev.fleetsim.guest;

/** One e820 range {@code [start, end)} as the kernel's boot parameters carry it. */
public record E820Entry(long start, long end, E820Type type) {

    /** {@code E820_MAX_ENTRIES_ZEROPAGE}: entries the zero page holds; more must go to setup_data. */
    public static final int MAX_ENTRIES_ZEROPAGE = 128;
    /** Bytes of one {@code struct boot_e820_entry}: u64 addr, u64 size, u32 type. */
    public static final int BYTES = 20;

    public long bytes() {
        return end - start;
    }
}
