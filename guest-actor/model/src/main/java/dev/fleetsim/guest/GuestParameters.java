package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.KIB;
import static dev.fleetsim.host.Sizes.MIB;

/**
 * The guest kernel's and firmware's sizes and behaviours that decide what is accepted during boot, and where. Each
 * default names its source or says "assumed" where public material gives no number (fleet-node's reference.conf
 * lists them all under {@code model.guest} and {@code guest}).
 *
 * @param unitSize bitmap unit ({@code EFI_UNACCEPTED_UNIT_SIZE}: 2 MiB on x86)
 * @param firmware what the firmware accepts, and on how many vCPUs
 * @param layout   the kernel's early allocations by size
 * @param kernel   kernel behaviours that changed across versions, as settings
 * @param bringUp  the page allocations SMP bring-up makes, and in what order
 */
public record GuestParameters(long unitSize, FirmwareSettings firmware, KernelLayout layout, KernelBehaviour kernel,
                              SmpBringUp bringUp) {

    public static final long SWIOTLB_MIN = 64 * MIB;
    public static final long SWIOTLB_MAX = GIB;

    /**
     * @param lazyPreAccept      what the lazy firmware build pre-accepts (TDX docs: "typically 512M")
     * @param acceptVcpus        vCPUs the firmware accepts on; 0 for all (TDVF first used the boot CPU only, later
     *                           all cores)
     * @param osAllowsUnaccepted whether the OS loader calls OVMF's {@code AllowUnacceptedMemory} protocol (Linux
     *                           6.5 and later do); without it SEV-SNP's OVMF accepts all remaining memory on the boot
     *                           CPU at ExitBootServices
     */
    public record FirmwareSettings(FirmwareAcceptance lazyPreAccept, int acceptVcpus, boolean osAllowsUnaccepted) {
        public FirmwareSettings {
            if (acceptVcpus < 0) {
                throw new IllegalArgumentException("firmware accept vCPUs must be >= 0, was " + acceptVcpus);
            }
        }

        /** The vCPUs a guest of {@code vcpus} has its firmware accept on. */
        public int vcpusOf(int vcpus) {
            return acceptVcpus == 0 ? vcpus : Math.min(acceptVcpus, vcpus);
        }
    }

    /**
     * @param kernelImageBytes   the decompressed kernel's in-memory size, bss included (assumed 64 MiB)
     * @param kaslr              whether the decompressor randomises the kernel's physical address
     * @param memmapBytesPerPage {@code sizeof(struct page)} per 4 KiB page (64 on x86-64)
     * @param pageTableBytes     early page tables (assumed 4 MiB)
     * @param perCpuBytes        per-CPU area per vCPU (assumed 1 MiB)
     * @param swiotlbPercent     confidential guests' bounce buffer as a share of memory
     *                           ({@code mem_encrypt_setup_arch}: 6%, clamped to [64 MiB, 1 GiB])
     * @param userspaceBootBytes memory init and services allocate on the way to a shell (assumed 192 MiB)
     */
    public record KernelLayout(long kernelImageBytes, boolean kaslr, long memmapBytesPerPage, long pageTableBytes,
                               long perCpuBytes, int swiotlbPercent, long userspaceBootBytes) {
        public KernelLayout {
            if (swiotlbPercent < 0 || swiotlbPercent > 100) {
                throw new IllegalArgumentException("swiotlb percent must be 0..100, was " + swiotlbPercent);
            }
        }

        public KernelLayout withKaslr(boolean on) {
            return new KernelLayout(kernelImageBytes, on, memmapBytesPerPage, pageTableBytes, perCpuBytes,
                    swiotlbPercent, userspaceBootBytes);
        }
    }

    /**
     * @param zeroWatermarkFix       while watermarks are zero, accept only what an allocation needs instead of a
     *                               whole 4 MiB block per allocation (the storm of large TDs)
     * @param swiotlbAfterSmp        convert the bounce buffer to shared after SMP bring-up (at
     *                               {@code fs_initcall_sync}) instead of in {@code mem_encrypt_init}, while APs spin
     * @param deferredStructPageInit {@code CONFIG_DEFERRED_STRUCT_PAGE_INIT}: struct pages above the first
     *                               {@link #DEFERRED_INIT_START} are initialised after SMP bring-up by one thread per
     *                               vCPU ({@code deferred_init_memmap}, padata), which in eager mode also accepts them
     * @param reclaimOnUnaccepted    the kernel counts unaccepted memory as unusable in watermark checks, so kswapd
     *                               reclaims endlessly while the guest accepts (before "mm: Fix endless reclaim on
     *                               machines with unaccepted memory", 2024, stable 6.5+)
     */
    public record KernelBehaviour(boolean zeroWatermarkFix, boolean swiotlbAfterSmp, boolean deferredStructPageInit,
                                  boolean reclaimOnUnaccepted) {
        /** Where deferred struct-page initialisation starts: the boot CPU initialises the memory below it. */
        public static final long DEFERRED_INIT_START = 4 * GIB;

        public KernelBehaviour withZeroWatermarkFix(boolean on) {
            return new KernelBehaviour(on, swiotlbAfterSmp, deferredStructPageInit, reclaimOnUnaccepted);
        }
    }

    /**
     * Page allocations made before watermarks exist ({@code init_per_zone_wmark_min} runs after SMP bring-up), each
     * of which accepts a whole 4 MiB block without the zero-watermark fix.
     *
     * @param bootCpuAllocations      made by the boot CPU before it starts the APs (assumed)
     * @param bootCpuAllocationsPerAp made by the boot CPU for each AP, on average: its idle task and per-CPU kthreads
     *                                (task structs and stacks, {@code fork_idle}, {@code smpboot_create_threads})
     *                                (fitted: the drain baselines' offset between 1 and 32 vCPUs)
     * @param apAllocations           made by each AP as it comes online (assumed)
     * @param allocationBytes         the size of one such allocation (assumed 16 KiB, a kernel stack)
     * @param parallel                whether the APs come up all at once (parallel bring-up) or one after another
     */
    public record SmpBringUp(int bootCpuAllocations, double bootCpuAllocationsPerAp, int apAllocations,
                             long allocationBytes, boolean parallel) {
        public SmpBringUp {
            if (bootCpuAllocations < 0 || bootCpuAllocationsPerAp < 0 || apAllocations < 0 || allocationBytes < 0) {
                throw new IllegalArgumentException("bring-up allocation counts and size must be >= 0");
            }
        }
    }

    public GuestParameters {
        if (Long.bitCount(unitSize) != 1 || unitSize < 4 * KIB || unitSize > GIB) {
            throw new IllegalArgumentException("unit size must be a power of two from 4K to 1G, was " + unitSize);
        }
    }

    public static GuestParameters defaults() {
        return new GuestParameters(2 * MIB,
                new FirmwareSettings(new FirmwareAcceptance.FirstBytes(512 * MIB), 0, true),
                new KernelLayout(64 * MIB, true, 64, 4 * MIB, MIB, 6, 192 * MIB),
                new KernelBehaviour(false, false, true, false),
                new SmpBringUp(64, 13.7097, 4, 16 * KIB, false));
    }

    public GuestParameters withUnitSize(long size) {
        return new GuestParameters(size, firmware, layout, kernel, bringUp);
    }

    public GuestParameters withFirmware(FirmwareSettings next) {
        return new GuestParameters(unitSize, next, layout, kernel, bringUp);
    }

    public GuestParameters withLayout(KernelLayout next) {
        return new GuestParameters(unitSize, firmware, next, kernel, bringUp);
    }

    public GuestParameters withKernel(KernelBehaviour next) {
        return new GuestParameters(unitSize, firmware, layout, next, bringUp);
    }

    public GuestParameters withBringUp(SmpBringUp next) {
        return new GuestParameters(unitSize, firmware, layout, kernel, next);
    }

    public GuestParameters withKaslr(boolean on) {
        return withLayout(layout.withKaslr(on));
    }

    public GuestParameters withZeroWatermarkFix(boolean on) {
        return withKernel(kernel.withZeroWatermarkFix(on));
    }

    /** The bounce buffer a confidential guest of {@code memoryBytes} allocates at boot. */
    public long swiotlbBytes(long memoryBytes) {
        long share = memoryBytes / 100 * layout.swiotlbPercent();
        return Math.max(SWIOTLB_MIN, Math.min(SWIOTLB_MAX, share)) / MIB * MIB;
    }
}
