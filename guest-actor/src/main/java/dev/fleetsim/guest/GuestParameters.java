package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.KIB;
import static dev.fleetsim.host.Sizes.MIB;

/**
 * The guest kernel's and firmware's sizes that decide what is accepted during boot. Each default names its source
 * or says "assumed" where public material gives no number (README, guest-actor, lists them all).
 *
 * @param unitSize                 bitmap unit ({@code EFI_UNACCEPTED_UNIT_SIZE}: 2 MiB on x86)
 * @param lazyFirmware             what the lazy firmware build pre-accepts (TDX docs: "typically 512M")
 * @param kernelImageBytes         the decompressed kernel's in-memory size, bss included (assumed 64 MiB)
 * @param kaslr                    whether the decompressor randomises the kernel's physical address
 * @param memmapBytesPerPage       {@code sizeof(struct page)} per 4 KiB page (64 on x86-64)
 * @param pageTableBytes           early page tables (assumed 4 MiB)
 * @param perCpuBytes              per-CPU area per vCPU (assumed 1 MiB)
 * @param swiotlbPercent           confidential guests' bounce buffer as a share of memory ({@code mem_encrypt_setup_arch}: 6%,
 *                                 clamped to [64 MiB, 1 GiB]); plain guests use none here
 * @param earlyAllocationsBase     page allocations made before watermarks are set, independent of vCPUs (assumed)
 * @param earlyAllocationsPerCpu   such allocations per vCPU: stacks, per-CPU lists, SMP bring-up (assumed)
 * @param earlyAllocationBytes     the size of one such allocation (assumed 16 KiB, a kernel stack)
 * @param userspaceBootBytes       memory init and services allocate on the way to a shell (assumed 192 MiB)
 * @param zeroWatermarkFix         what-if: while watermarks are zero, accept only what an allocation needs instead
 *                                 of a whole 4 MiB block per allocation (not in Linux)
 */
public record GuestParameters(long unitSize, FirmwareAcceptance lazyFirmware, long kernelImageBytes, boolean kaslr,
                              long memmapBytesPerPage, long pageTableBytes, long perCpuBytes, int swiotlbPercent,
                              int earlyAllocationsBase, int earlyAllocationsPerCpu, long earlyAllocationBytes,
                              long userspaceBootBytes, boolean zeroWatermarkFix) {

    public static final long SWIOTLB_MIN = 64 * MIB;
    public static final long SWIOTLB_MAX = GIB;

    public static GuestParameters defaults() {
        return new GuestParameters(2 * MIB, new FirmwareAcceptance.FirstBytes(512 * MIB), 64 * MIB, true, 64,
                4 * MIB, MIB, 6, 64, 8, 16 * KIB, 192 * MIB, false);
    }

    public GuestParameters {
        if (Long.bitCount(unitSize) != 1 || unitSize < 4 * KIB || unitSize > GIB) {
            throw new IllegalArgumentException("unit size must be a power of two from 4K to 1G, was " + unitSize);
        }
        if (swiotlbPercent < 0 || swiotlbPercent > 100) {
            throw new IllegalArgumentException("swiotlb percent must be 0..100, was " + swiotlbPercent);
        }
    }

    public GuestParameters withUnitSize(long size) {
        return new GuestParameters(size, lazyFirmware, kernelImageBytes, kaslr, memmapBytesPerPage, pageTableBytes,
                perCpuBytes, swiotlbPercent, earlyAllocationsBase, earlyAllocationsPerCpu, earlyAllocationBytes,
                userspaceBootBytes, zeroWatermarkFix);
    }

    public GuestParameters withLazyFirmware(FirmwareAcceptance firmware) {
        return new GuestParameters(unitSize, firmware, kernelImageBytes, kaslr, memmapBytesPerPage, pageTableBytes,
                perCpuBytes, swiotlbPercent, earlyAllocationsBase, earlyAllocationsPerCpu, earlyAllocationBytes,
                userspaceBootBytes, zeroWatermarkFix);
    }

    public GuestParameters withKaslr(boolean on) {
        return new GuestParameters(unitSize, lazyFirmware, kernelImageBytes, on, memmapBytesPerPage, pageTableBytes,
                perCpuBytes, swiotlbPercent, earlyAllocationsBase, earlyAllocationsPerCpu, earlyAllocationBytes,
                userspaceBootBytes, zeroWatermarkFix);
    }

    /** The bounce buffer a confidential guest of {@code memoryBytes} allocates at boot. */
    public long swiotlbBytes(long memoryBytes) {
        long share = memoryBytes / 100 * swiotlbPercent;
        return Math.max(SWIOTLB_MIN, Math.min(SWIOTLB_MAX, share)) / MIB * MIB;
    }

    public GuestParameters withZeroWatermarkFix(boolean on) {
        return new GuestParameters(unitSize, lazyFirmware, kernelImageBytes, kaslr, memmapBytesPerPage, pageTableBytes,
                perCpuBytes, swiotlbPercent, earlyAllocationsBase, earlyAllocationsPerCpu, earlyAllocationBytes,
                userspaceBootBytes, on);
    }
}
