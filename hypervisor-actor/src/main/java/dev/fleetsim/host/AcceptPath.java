package dev.fleetsim.host;

/**
 * Where in the guest an acceptance is issued. Platforms differ by path: SEV-SNP's early boot code (EFI stub,
 * decompressor) changes one 4 KiB page per Page State Change request, the running kernel batches.
 */
public enum AcceptPath {
    FIRMWARE,
    EARLY_BOOT,
    KERNEL
}
