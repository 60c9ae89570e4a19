package dev.fleetsim.guest;

/**
 * The guest's own CPU time in each boot phase, apart from accepting memory (which the host model prices).
 * {@code kernelFixedNanos} is fitted by the calibration; the others are assumptions listed in the README.
 *
 * @param firmwareFixedNanos   firmware start-up up to the OS loader (assumed 1 s)
 * @param stubFixedNanos       the EFI stub's own work (assumed 20 ms)
 * @param decompressNanos      decompressing the kernel (assumed 300 ms)
 * @param kernelFixedNanos     kernel and userspace work to the shell that does not grow with memory (fitted)
 * @param memmapInitNanosPer4K initialising one {@code struct page} (assumed 40 ns)
 */
public record GuestCpuCosts(long firmwareFixedNanos, long stubFixedNanos, long decompressNanos,
                            long kernelFixedNanos, long memmapInitNanosPer4K) {

    /** Fitted by {@code BootCalibration} on {@code config/calibration/seed.csv}; a test re-runs the fit. */
    public static final long DEFAULT_KERNEL_FIXED_NANOS = 135_428_040L;

    public static GuestCpuCosts defaults() {
        return new GuestCpuCosts(1_000_000_000L, 20_000_000L, 300_000_000L, DEFAULT_KERNEL_FIXED_NANOS, 40);
    }

    public GuestCpuCosts {
        if (firmwareFixedNanos < 0 || stubFixedNanos < 0 || decompressNanos < 0 || kernelFixedNanos < 0
                || memmapInitNanosPer4K < 0) {
            throw new IllegalArgumentException("guest CPU costs must be >= 0");
        }
    }

    public GuestCpuCosts withKernelFixedNanos(long nanos) {
        return new GuestCpuCosts(firmwareFixedNanos, stubFixedNanos, decompressNanos, nanos, memmapInitNanosPer4K);
    }
}
