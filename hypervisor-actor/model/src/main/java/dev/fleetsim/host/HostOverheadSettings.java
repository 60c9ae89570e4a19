package dev.fleetsim.host;

/**
 * The sizes behind the host memory a confidential VM costs beside its own (each a study key under
 * {@code hosts.overhead}, documented with its source in reference.conf and the README).
 *
 * @param pamt                    how the host allocates TDX's PAMT: all of it when the TDX module initialises, or
 *                                (Dynamic PAMT) only its 1G and 2M levels and a bitmap, the 4K level as TDs need it
 * @param pamtEntryBytes          one PAMT entry, per page per level ({@code pamt_entry_size} the TDX module reports;
 *                                {@code arch/x86/virt/vmx/tdx/tdx.c: tdmr_get_pamt_sz} multiplies pages by it)
 * @param dynamicPamtBitmapBits   Dynamic PAMT's static bitmap, bits per 4K of host memory (the TDX module's
 *                                "PAMT_PAGE_BITMAP", one bit in the 2025-2026 patches)
 * @param dynamicPamtPairBytes    the page pair {@code TDH.PHYMEM.PAMT.ADD} takes to cover one 2M range in which a
 *                                TD has 4K private pages (two 4K pages)
 * @param rmpEntryBytes           SEV-SNP's RMP entry, one per 4K of host memory ({@code arch/x86/virt/svm/sev.c})
 * @param septMirror              whether KVM keeps a mirror of every Secure-EPT table page in its own memory (the
 *                                TDP MMU's mirror root, as upstream KVM does)
 * @param vmmFixedBytes           the VMM process and KVM's own structures per VM, whatever its size (assumed)
 * @param vmmBytesPerGib          the VMM's memory per GiB of configured guest memory (assumed)
 */
public record HostOverheadSettings(Pamt pamt, long pamtEntryBytes, int dynamicPamtBitmapBits,
                                   long dynamicPamtPairBytes, long rmpEntryBytes, boolean septMirror,
                                   long vmmFixedBytes, long vmmBytesPerGib) {

    /** How the host allocates TDX's PAMT. */
    public enum Pamt {
        STATIC, DYNAMIC
    }

    public HostOverheadSettings {
        if (pamtEntryBytes < 0 || dynamicPamtBitmapBits < 0 || dynamicPamtPairBytes < 0 || rmpEntryBytes < 0
                || vmmFixedBytes < 0 || vmmBytesPerGib < 0) {
            throw new IllegalArgumentException("host overhead sizes must be >= 0");
        }
    }

    /** reference.conf's values: upstream's sizes, static PAMT, KVM's mirror, and the assumed VMM figures. */
    public static HostOverheadSettings defaults() {
        return new HostOverheadSettings(Pamt.STATIC, 16, 1, 8 * Sizes.KIB, 16, true, 64 * Sizes.MIB, Sizes.MIB);
    }

    public HostOverheadSettings withPamt(Pamt next) {
        return new HostOverheadSettings(next, pamtEntryBytes, dynamicPamtBitmapBits, dynamicPamtPairBytes,
                rmpEntryBytes, septMirror, vmmFixedBytes, vmmBytesPerGib);
    }
}
