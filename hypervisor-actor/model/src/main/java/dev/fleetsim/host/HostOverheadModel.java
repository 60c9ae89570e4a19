package dev.fleetsim.host;

import static dev.fleetsim.host.PageSize.SIZE_1G;
import static dev.fleetsim.host.PageSize.SIZE_2M;
import static dev.fleetsim.host.PageSize.SIZE_4K;
import static dev.fleetsim.host.Sizes.ceilDiv;

/**
 * What a host keeps in its own memory for confidential VMs, computed from byte counts in O(1): nothing here walks
 * pages.
 *
 * <p>TDX: the TDX module tracks every physical page it may use in the PAMT, one entry per page at each of the 4K,
 * 2M and 1G levels. Statically, the kernel hands it the whole table for all TDX-usable memory when the module
 * initialises, whether or not a TD ever runs; with Dynamic PAMT only the 2M and 1G levels and a small bitmap are
 * static, and the kernel adds a page pair for a 2M range when a TD first maps a 4K private page in it (a range
 * mapped as one 2M page needs no 4K entries, so 2M mappings need no pairs). A TD's private memory is mapped by its
 * Secure EPT, whose table pages are host pages: one last-level table per 2M of 4K mappings, one per 1G above it,
 * one per 512G above that (the root lives with the TD's control structures and is not counted); 2M mappings need
 * no last-level tables. KVM mirrors each S-EPT table in a page of its own so that it can walk the tree without a
 * SEAMCALL.
 *
 * <p>SEV-SNP: the RMP has an entry for every 4K page of host memory, allocated at boot, whatever runs.
 *
 * <p>Every VM also costs its VMM a fixed amount plus some per GiB. The model counts a guest's private memory as
 * contiguous, so S-EPT and PAMT tables shared by the edges of separate ranges (the hole below 4G) are ignored: a
 * few table pages per VM. The PAMT page pairs that Dynamic PAMT also needs for the S-EPT and control pages
 * themselves are not counted.
 */
public record HostOverheadModel(HostOverheadSettings settings, Platform platform, PageSize privateMapping,
                                long hostMemoryBytes) {

    private static final long TABLE_BYTES = SIZE_4K.bytes();
    /** A page-table page's 512 entries cover 512 of the next level down: 2M of 4K, 1G of 2M, 512G of 1G. */
    private static final long SPAN_512G = SIZE_1G.bytes() * SIZE_1G.splitFactor();

    public HostOverheadModel {
        if (privateMapping == SIZE_1G) {
            throw new IllegalArgumentException("private mapping: allowed 4K, 2M");
        }
    }

    /** The host's structures, there from boot whether or not a VM runs. */
    public MemoryOverhead host() {
        return switch (platform) {
            case TDX -> new MemoryOverhead(0, staticPamtBytes(), 0, 0);
            case SEV_SNP -> new MemoryOverhead(0, 0, pages(SIZE_4K) * settings.rmpEntryBytes(), 0);
            case PLAIN -> MemoryOverhead.NONE;
        };
    }

    /** What one VM of {@code configuredBytes} costs its host with {@code privateBytes} of its memory mapped. */
    public MemoryOverhead vm(long configuredBytes, long privateBytes) {
        long vmm = settings.vmmFixedBytes() + settings.vmmBytesPerGib() * configuredBytes / Sizes.GIB;
        if (platform != Platform.TDX) {
            return new MemoryOverhead(0, 0, 0, vmm);
        }
        return new MemoryOverhead(septBytes(privateBytes), dynamicPamtBytes(privateBytes), 0, vmm);
    }

    /** Secure-EPT table pages below the root for {@code privateBytes} mapped at the host's level, and their mirror. */
    long septBytes(long privateBytes) {
        long tables = ceilDiv(privateBytes, SIZE_1G.bytes()) + ceilDiv(privateBytes, SPAN_512G);
        if (privateMapping == SIZE_4K) {
            tables += ceilDiv(privateBytes, SIZE_2M.bytes());
        }
        return tables * TABLE_BYTES * (settings.septMirror() ? 2 : 1);
    }

    /** Dynamic PAMT's 4K level for a VM: a page pair per 2M range holding 4K private pages. */
    long dynamicPamtBytes(long privateBytes) {
        if (settings.pamt() != HostOverheadSettings.Pamt.DYNAMIC || privateMapping != SIZE_4K) {
            return 0;
        }
        return ceilDiv(privateBytes, SIZE_2M.bytes()) * settings.dynamicPamtPairBytes();
    }

    /** The PAMT the kernel allocates when the TDX module initialises. */
    long staticPamtBytes() {
        long upperLevels = (pages(SIZE_2M) + pages(SIZE_1G)) * settings.pamtEntryBytes();
        long level4K = settings.pamt() == HostOverheadSettings.Pamt.STATIC
                ? pages(SIZE_4K) * settings.pamtEntryBytes()
                : ceilDiv(pages(SIZE_4K) * settings.dynamicPamtBitmapBits(), Byte.SIZE);
        return upperLevels + level4K;
    }

    private long pages(PageSize size) {
        return ceilDiv(hostMemoryBytes, size.bytes());
    }
}
