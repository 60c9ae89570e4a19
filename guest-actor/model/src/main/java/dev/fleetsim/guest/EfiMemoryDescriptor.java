package dev.fleetsim.guest;

/**
 * One entry of the firmware memory map ({@code efi_memory_desc_t}): a type, a physical start, a length in 4 KiB
 * EFI pages and attribute bits.
 */
public record EfiMemoryDescriptor(EfiMemoryType type, long physStart, long numPages, long attributes) {

    public static final long EFI_PAGE_SIZE = 4096;
    /** EFI_MEMORY_WB: write-back cacheable, set on all RAM. */
    public static final long ATTRIBUTE_WB = 0x8;

    /** EFI_MEMORY_SP: specific-purpose memory, soft-reserved by the kernel. */
    public static final long ATTRIBUTE_SP = 0x40000;

    public EfiMemoryDescriptor {
        if (physStart < 0 || physStart % EFI_PAGE_SIZE != 0) {
            throw new IllegalArgumentException("descriptor start 0x" + Long.toHexString(physStart)
                    + " is not 4 KiB-aligned");
        }
        if (numPages <= 0) {
            throw new IllegalArgumentException("descriptor at 0x" + Long.toHexString(physStart) + " has no pages");
        }
    }

    public static EfiMemoryDescriptor ram(EfiMemoryType type, long start, long end) {
        return new EfiMemoryDescriptor(type, start, (end - start) / EFI_PAGE_SIZE, ATTRIBUTE_WB);
    }

    public long end() {
        return physStart + numPages * EFI_PAGE_SIZE;
    }

    public long bytes() {
        return numPages * EFI_PAGE_SIZE;
    }
}
