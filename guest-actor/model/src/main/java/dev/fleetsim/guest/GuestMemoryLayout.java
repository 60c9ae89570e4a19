package dev.fleetsim.guest;

import static dev.fleetsim.guest.EfiMemoryType.ACPI_NVS;
import static dev.fleetsim.guest.EfiMemoryType.ACPI_RECLAIM;
import static dev.fleetsim.guest.EfiMemoryType.BOOT_SERVICES_DATA;
import static dev.fleetsim.guest.EfiMemoryType.CONVENTIONAL;
import static dev.fleetsim.guest.EfiMemoryType.RUNTIME_SERVICES_DATA;
import static dev.fleetsim.guest.EfiMemoryType.UNACCEPTED;
import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.KIB;
import static dev.fleetsim.host.Sizes.MIB;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the firmware memory map of a typical TDX or SEV-SNP guest of any size, laid out as QEMU's q35 machine does:
 * RAM below 4 GiB ends at 2 GiB when the guest has 2.75 GiB or more (the rest of the low space is the PCI hole),
 * the remainder starts at 4 GiB. The firmware keeps the legacy 640 KiB, and a region at the top of low RAM for its
 * own boot services, runtime services and ACPI tables; those it has accepted for its own use. Other RAM is
 * Conventional where the firmware accepted it and Unaccepted elsewhere.
 */
public final class GuestMemoryLayout {

    static final long LEGACY_END = 640 * KIB;
    static final long LOW_RAM_START = MIB;
    static final long Q35_LOW_RAM_THRESHOLD = 0xB000_0000L;
    static final long PCI_HOLE_END = 4 * GIB;
    /** Boot services data, runtime data and ACPI tables the firmware keeps at the top of low RAM. */
    static final long FIRMWARE_REGION = 16 * MIB;

    /**
     * Guest sizes the model takes, as studies are told. The upper bound keeps every guest-physical address below
     * the 16 TiB the packed steps hold (memory above 4 GiB starts at 4 GiB); today's largest VMs are 12 TiB
     * without confidential computing and well below 8 TiB with it.
     */
    public static final String SIZE_RULE = "a multiple of 2M, at least 128M and at most 8T";

    private static final long MAX_MEMORY = 8 * 1024 * GIB;

    private GuestMemoryLayout() {
    }

    /** Whether a guest of {@code memoryBytes} follows {@link #SIZE_RULE}. */
    public static boolean validSize(long memoryBytes) {
        return memoryBytes >= 128 * MIB && memoryBytes <= MAX_MEMORY && memoryBytes % (2 * MIB) == 0;
    }

    /** A confidential guest whose firmware pre-accepts as {@code preAccept} says. */
    public static EfiMemoryMap confidential(long memoryBytes, FirmwareAcceptance preAccept) {
        if (!validSize(memoryBytes)) {
            throw new IllegalArgumentException("guest memory must be " + SIZE_RULE + ", was " + memoryBytes);
        }
        long lowRamEnd = memoryBytes >= Q35_LOW_RAM_THRESHOLD ? 2 * GIB : memoryBytes;
        long firmwareStart = lowRamEnd - FIRMWARE_REGION;
        long acceptedBelow = preAccept.acceptedBelow();
        List<EfiMemoryDescriptor> map = new ArrayList<>();
        map.add(EfiMemoryDescriptor.ram(CONVENTIONAL, 0, LEGACY_END));
        addRam(map, LOW_RAM_START, firmwareStart, acceptedBelow);
        map.add(EfiMemoryDescriptor.ram(BOOT_SERVICES_DATA, firmwareStart, lowRamEnd - MIB));
        map.add(EfiMemoryDescriptor.ram(RUNTIME_SERVICES_DATA, lowRamEnd - MIB, lowRamEnd - 512 * KIB));
        map.add(EfiMemoryDescriptor.ram(ACPI_RECLAIM, lowRamEnd - 512 * KIB, lowRamEnd - 256 * KIB));
        map.add(EfiMemoryDescriptor.ram(ACPI_NVS, lowRamEnd - 256 * KIB, lowRamEnd));
        long highRam = memoryBytes - lowRamEnd;
        if (highRam > 0) {
            addRam(map, PCI_HOLE_END, PCI_HOLE_END + highRam, acceptedBelow);
        }
        return new EfiMemoryMap(map);
    }

    /** A plain VM: no memory needs accepting. */
    public static EfiMemoryMap plain(long memoryBytes) {
        return confidential(memoryBytes, new FirmwareAcceptance.Everything());
    }

    /**
     * {@code map} with its unaccepted memory below {@code preAccept}'s bound accepted by the firmware, each
     * descriptor keeping its place in the firmware's order and its attributes.
     */
    public static EfiMemoryMap acceptedBelow(EfiMemoryMap map, FirmwareAcceptance preAccept) {
        List<EfiMemoryDescriptor> accepted = new ArrayList<>();
        for (EfiMemoryDescriptor d : map.descriptors()) {
            long split = d.type() == UNACCEPTED
                    ? Math.max(d.physStart(), Math.min(d.end(), preAccept.acceptedBelow())) : d.physStart();
            if (split > d.physStart()) {
                accepted.add(new EfiMemoryDescriptor(CONVENTIONAL, d.physStart(),
                        (split - d.physStart()) / EfiMemoryDescriptor.EFI_PAGE_SIZE, d.attributes()));
            }
            if (d.end() > split) {
                accepted.add(split == d.physStart() ? d : new EfiMemoryDescriptor(UNACCEPTED, split,
                        (d.end() - split) / EfiMemoryDescriptor.EFI_PAGE_SIZE, d.attributes()));
            }
        }
        return new EfiMemoryMap(accepted);
    }

    private static void addRam(List<EfiMemoryDescriptor> map, long start, long end, long acceptedBelow) {
        long split = Math.max(start, Math.min(end, acceptedBelow));
        if (split > start) {
            map.add(EfiMemoryDescriptor.ram(CONVENTIONAL, start, split));
        }
        if (end > split) {
            map.add(EfiMemoryDescriptor.ram(UNACCEPTED, split, end));
        }
    }
}
