package dev.fleetsim.host;

/**
 * Where in the guest a request to the host is issued, and what it asks for. Platforms differ by path: SEV-SNP's
 * early boot code (EFI stub, decompressor) changes one 4 KiB page per Page State Change request, the running kernel
 * batches. Two paths ask the host for something other than acceptance: converting accepted private memory to shared
 * (bounce buffers), and the host's own set-up of the guest's memory before the guest runs.
 */
public enum AcceptPath {
    FIRMWARE,
    EARLY_BOOT,
    KERNEL,
    /** Private memory the guest already accepted becomes shared: {@code set_memory_decrypted} on SWIOTLB. */
    CONVERSION,
    /** The VMM prepares guest memory at launch, before the firmware runs (SEV-SNP: all memory marked private). */
    LAUNCH;

    /** Whether the request accepts memory, so that the host commits it and the guest counts it as accepted. */
    public boolean accepts() {
        return this == FIRMWARE || this == EARLY_BOOT || this == KERNEL;
    }
}
