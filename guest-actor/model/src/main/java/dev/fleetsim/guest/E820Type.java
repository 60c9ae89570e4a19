package dev.fleetsim.guest;

/** The e820 types the x86 EFI stub produces ({@code arch/x86/include/uapi/asm/e820.h}). */
public enum E820Type {
    RAM(1),
    RESERVED(2),
    ACPI(3),
    NVS(4),
    UNUSABLE(5),
    PMEM(7),
    /** Specific-purpose memory (EFI_MEMORY_SP) the kernel leaves to drivers rather than the page allocator. */
    SOFT_RESERVED(0xefffffff);

    private final int code;

    E820Type(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The stub's {@code setup_e820} mapping for one descriptor: conventional memory marked specific-purpose
     * (EFI_MEMORY_SP) is soft-reserved, as the kernel does unless booted with efi=nosoftreserve.
     */
    public static E820Type of(EfiMemoryDescriptor d) {
        if (d.type() == EfiMemoryType.CONVENTIONAL && (d.attributes() & EfiMemoryDescriptor.ATTRIBUTE_SP) != 0) {
            return SOFT_RESERVED;
        }
        return of(d.type());
    }

    /** The stub's {@code setup_e820} mapping from EFI types; unaccepted memory becomes RAM. */
    public static E820Type of(EfiMemoryType type) {
        return switch (type) {
            case LOADER_CODE, LOADER_DATA, BOOT_SERVICES_CODE, BOOT_SERVICES_DATA, CONVENTIONAL, UNACCEPTED -> RAM;
            case UNUSABLE -> UNUSABLE;
            case ACPI_RECLAIM -> ACPI;
            case ACPI_NVS -> NVS;
            case PERSISTENT -> PMEM;
            case RESERVED, RUNTIME_SERVICES_CODE, RUNTIME_SERVICES_DATA, MMIO, MMIO_PORT_SPACE, PAL_CODE -> RESERVED;
        };
    }
}
