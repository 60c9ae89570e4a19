package dev.fleetsim.guest;

/**
 * The guest's own CPU time, apart from what the host prices (accepting, converting). Fitted values come from
 * {@code fleetsim calibrate}; the others are assumptions listed in fleet-node's reference.conf.
 *
 * @param firmwareFixedNanos   firmware start-up up to the OS loader (assumed 1 s)
 * @param stubFixedNanos       the EFI stub's own work (assumed 20 ms)
 * @param decompressNanos      decompressing the kernel (assumed 300 ms)
 * @param kernelFixedNanos     kernel and userspace work to the shell that does not grow with memory (fitted)
 * @param memmapInitNanosPer4K initialising one {@code struct page} (assumed 40 ns)
 * @param faultNanosPer4K      the page-fault path for 4 KiB the guest touches first: fault entry, allocation and
 *                             the kernel zeroing the page it hands out (assumed)
 * @param hogWorkNanosPer4K    a memory hog's own work for each 4 KiB it fills: {@code tail /dev/zero} reads zeros
 *                             into its line buffer and grows it by realloc and copy (fitted)
 * @param touchFloorNanosPer4K the least time the whole guest takes to fill 4 KiB however many vCPUs touch at once:
 *                             first-touch traffic (kernel zeroing, a hog's writes and copies) is bound by memory
 *                             bandwidth, which the vCPUs share (fitted)
 * @param readyNanos           from the shell prompt to the guest being ready (agent or init start; 0 by default)
 * @param reclaimDuty          the share of one vCPU kswapd takes while it reclaims endlessly
 *                             ({@link GuestParameters.KernelBehaviour#reclaimOnUnaccepted}) (fitted)
 */
public record GuestCpuCosts(long firmwareFixedNanos, long stubFixedNanos, long decompressNanos,
                            long kernelFixedNanos, long memmapInitNanosPer4K, long faultNanosPer4K,
                            long hogWorkNanosPer4K, long touchFloorNanosPer4K, long readyNanos,
                            double reclaimDuty) {

    public static final long DEFAULT_KERNEL_FIXED_NANOS = 1_413_680_000L;
    public static final long DEFAULT_FAULT_NANOS_PER_4K = 1_000;
    public static final long DEFAULT_HOG_WORK_NANOS_PER_4K = 2_134;
    public static final long DEFAULT_TOUCH_FLOOR_NANOS_PER_4K = 596;
    public static final double DEFAULT_RECLAIM_DUTY = 0.346896;

    public static GuestCpuCosts defaults() {
        return new GuestCpuCosts(1_000_000_000L, 20_000_000L, 300_000_000L, DEFAULT_KERNEL_FIXED_NANOS, 40,
                DEFAULT_FAULT_NANOS_PER_4K, DEFAULT_HOG_WORK_NANOS_PER_4K, DEFAULT_TOUCH_FLOOR_NANOS_PER_4K, 0,
                DEFAULT_RECLAIM_DUTY);
    }

    /** No CPU time at all: for tests of what the memory rules alone do. */
    public static GuestCpuCosts none() {
        return new GuestCpuCosts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public GuestCpuCosts {
        if (firmwareFixedNanos < 0 || stubFixedNanos < 0 || decompressNanos < 0 || kernelFixedNanos < 0
                || memmapInitNanosPer4K < 0 || faultNanosPer4K < 0 || hogWorkNanosPer4K < 0 || touchFloorNanosPer4K < 0 || readyNanos < 0) {
            throw new IllegalArgumentException("guest CPU costs must be >= 0");
        }
        if (!(reclaimDuty >= 0 && reclaimDuty <= 1)) {
            throw new IllegalArgumentException("reclaim duty must be within [0, 1], was " + reclaimDuty);
        }
    }
}
