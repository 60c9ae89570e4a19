package dev.fleetsim.guest.calibration;

import dev.fleetsim.host.BadInputException;

/** What a measurement measured. */
public enum MeasurementKind {
    /** Boot-to-shell of the baseline policy divided by that of the measured policy (the seed's "2.5x"). */
    BOOT_RATIO("boot_ratio"),
    /** Boot-to-shell in seconds. */
    BOOT_SECONDS("boot_seconds"),
    /** Boot to ready (shell plus the guest's time to ready: an agent starting), seconds. */
    READY_SECONDS("ready_seconds"),
    /** One TDX 4 KiB accept fault (exit, TDCALL, zeroing) in microseconds, uncontended. */
    ACCEPT_4K_MICROS("accept_4k_us"),
    /** One acceptance exit in microseconds while {@code workers} vCPUs of a TD of {@code vcpus} exit at once. */
    EXIT_MICROS("exit_us"),
    /** The firmware phase alone, seconds. */
    FIRMWARE_SECONDS("firmware_seconds"),
    /** Kernel start to the buddy allocator's watermarks (the early-kernel phase), seconds. */
    EARLY_KERNEL_SECONDS("early_kernel_seconds"),
    /** From just before a memory hog of {@code workers} processes starts to nr_unaccepted = 0, seconds. */
    DRAIN_SECONDS("drain_seconds");

    /** The names a measurement file may use. */
    public static final String ALLOWED = "boot_ratio, boot_seconds, ready_seconds, accept_4k_us, exit_us, "
            + "firmware_seconds, early_kernel_seconds, drain_seconds";

    private final String csvName;

    MeasurementKind(String csvName) {
        this.csvName = csvName;
    }

    public String csvName() {
        return csvName;
    }

    /** Whether the measurement is of a whole guest (memory, vCPUs, platform and policy). */
    public boolean needsGuest() {
        return this != ACCEPT_4K_MICROS;
    }

    public boolean needsWorkers() {
        return this == DRAIN_SECONDS || this == EXIT_MICROS;
    }

    public static MeasurementKind parse(String text) {
        for (MeasurementKind k : values()) {
            if (k.csvName.equals(text.trim())) {
                return k;
            }
        }
        throw new BadInputException("kind '" + text + "': allowed " + ALLOWED);
    }
}
