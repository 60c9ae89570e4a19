package dev.fleetsim.guest;

import dev.fleetsim.host.BadInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * UEFI memory types (UEFI 2.9, table 7-5) with the names Linux prints for them under {@code efi=debug}
 * ({@code drivers/firmware/efi/efi.c: memory_type_name}).
 */
public enum EfiMemoryType {
    RESERVED("Reserved"),
    LOADER_CODE("Loader Code"),
    LOADER_DATA("Loader Data"),
    BOOT_SERVICES_CODE("Boot Code"),
    BOOT_SERVICES_DATA("Boot Data"),
    RUNTIME_SERVICES_CODE("Runtime Code"),
    RUNTIME_SERVICES_DATA("Runtime Data"),
    CONVENTIONAL("Conventional"),
    UNUSABLE("Unusable"),
    ACPI_RECLAIM("ACPI Reclaim"),
    ACPI_NVS("ACPI Mem NVS"),
    MMIO("MMIO"),
    MMIO_PORT_SPACE("MMIO Port"),
    PAL_CODE("PAL Code"),
    PERSISTENT("Persistent"),
    /** Type 15: memory the guest must accept before use. */
    UNACCEPTED("Unaccepted");

    private final String kernelName;

    EfiMemoryType(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The UEFI numeric type. */
    public int code() {
        return ordinal();
    }

    public String kernelName() {
        return kernelName;
    }

    /**
     * Whether Linux hands this memory to the page allocator after ExitBootServices (the x86 EFI stub's
     * {@code setup_e820} makes these {@code E820_TYPE_RAM}).
     */
    public boolean isUsableRam() {
        return E820Type.of(this) == E820Type.RAM;
    }

    /** Whether the firmware has accepted this memory by the time it hands over: everything RAM-backed it used. */
    public boolean isFirmwareAccepted() {
        return switch (this) {
            case UNACCEPTED, RESERVED, UNUSABLE, MMIO, MMIO_PORT_SPACE, PAL_CODE, PERSISTENT -> false;
            default -> true;
        };
    }

    public static EfiMemoryType fromKernelName(String name) {
        String trimmed = name.trim();
        for (EfiMemoryType type : values()) {
            if (type.kernelName.equals(trimmed)) {
                return type;
            }
        }
        throw new BadInputException("unknown EFI memory type '" + trimmed + "': allowed "
                + Arrays.stream(values()).map(EfiMemoryType::kernelName).collect(Collectors.joining(", ")));
    }
}
