package dev.fleetsim.host;

/** The stages of a guest's life the timeline reports separately, in order. */
public enum BootPhase {
    FIRMWARE,
    EFI_STUB,
    DECOMPRESSOR,
    EARLY_KERNEL,
    USERSPACE,
    WORKLOAD;

    /** Whether the phase ends before the shell prompt: boot-to-shell is the sum of these. */
    public boolean beforeShell() {
        return this != WORKLOAD;
    }
}
