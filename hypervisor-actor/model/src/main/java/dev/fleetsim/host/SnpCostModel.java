package dev.fleetsim.host;

import static dev.fleetsim.host.PageSize.SIZE_1G;
import static dev.fleetsim.host.PageSize.SIZE_4K;

/**
 * AMD SEV-SNP acceptance.
 *
 * <p>The guest batches Page State Change entries (2M where aligned, else 4K; a 1G span becomes 512 2M entries) into
 * GHCB requests of at most {@code entriesPerRequest}; each request is one exit. The host runs RMPUPDATE per entry,
 * the guest then PVALIDATEs. When the host backs guest memory with 4K pages, a 2M entry becomes 512 RMPUPDATEs and
 * the 2M PVALIDATE fails with a size mismatch and is redone as 512 4K PVALIDATEs. The early boot path (EFI stub,
 * decompressor) changes one 4K page per request. The host clears each 4K page it commits.
 *
 * <p>A conversion to shared is the same Page State Change in the other direction (the guest rescinds validation
 * first, the host flushes every vCPU's TLB). At launch the VMM marks all guest memory private
 * ({@code KVM_SET_MEMORY_ATTRIBUTES} over every memslot), a pass whose cost grows with guest size.
 */
public record SnpCostModel(SnpSettings settings) implements AcceptanceCostModel {

    /**
     * @param hostMapping       the page size the host backs guest memory with: 4K or 2M
     * @param entriesPerRequest Page State Change entries per GHCB request (Linux: 64; the GHCB allows 253)
     * @param requestNanos      one GHCB Page State Change exit and re-entry, uncontended
     * @param rmpUpdateNanos    one RMPUPDATE on the host
     * @param pvalidate4kNanos  one 4K PVALIDATE (also charged for a failed 2M attempt)
     * @param pvalidate2mNanos  one successful 2M PVALIDATE
     * @param zeroNanosPer4K    the host clearing 4 KiB it commits
     * @param launchNanosPer4K  the VMM marking 4 KiB private at launch
     * @param kickNanos         forcing one vCPU out of the guest and back in for a TLB flush
     */
    public record SnpSettings(PageSize hostMapping, int entriesPerRequest, long requestNanos, long rmpUpdateNanos,
                              long pvalidate4kNanos, long pvalidate2mNanos, long zeroNanosPer4K,
                              long launchNanosPer4K, long kickNanos) {
        public SnpSettings {
            if (hostMapping == SIZE_1G) {
                throw new IllegalArgumentException("SNP host mapping: allowed 4K, 2M");
            }
            if (entriesPerRequest < 1 || entriesPerRequest > 253) {
                throw new IllegalArgumentException(
                        "SNP entries per request: allowed 1..253 (GHCB limit), was " + entriesPerRequest);
            }
            if (requestNanos < 0 || rmpUpdateNanos < 0 || pvalidate4kNanos < 0 || pvalidate2mNanos < 0
                    || zeroNanosPer4K < 0 || launchNanosPer4K < 0 || kickNanos < 0) {
                throw new IllegalArgumentException("SNP costs must be >= 0");
            }
        }

        public SnpSettings withHostMapping(PageSize mapping) {
            return new SnpSettings(mapping, entriesPerRequest, requestNanos, rmpUpdateNanos, pvalidate4kNanos,
                    pvalidate2mNanos, zeroNanosPer4K, launchNanosPer4K, kickNanos);
        }
    }

    @Override
    public AcceptanceCost cost(AcceptRequest request, double exitSlowdown) {
        return switch (request.path()) {
            case LAUNCH -> new AcceptanceCost(request.pages() * settings.launchNanosPer4K(), 0, 0);
            case CONVERSION -> convert(request, exitSlowdown);
            default -> accept(request, exitSlowdown);
        };
    }

    private AcceptanceCost accept(AcceptRequest request, double exitSlowdown) {
        PageSizeMix mix = request.attempts();
        long pages = mix.basePages();
        long hugeEntries = mix.huge() + mix.gigantic() * SIZE_1G.splitFactor();
        boolean early = request.path() == AcceptPath.EARLY_BOOT;
        long requests = early ? pages : Sizes.ceilDiv(hugeEntries + mix.base(), settings.entriesPerRequest());
        long pvalidateNanos;
        long rmpUpdates;
        if (early) {
            rmpUpdates = pages;
            pvalidateNanos = pages * settings.pvalidate4kNanos();
        } else if (settings.hostMapping() == SIZE_4K) {
            rmpUpdates = pages;
            pvalidateNanos = (hugeEntries + pages) * settings.pvalidate4kNanos();
        } else {
            rmpUpdates = hugeEntries + mix.base();
            pvalidateNanos = hugeEntries * settings.pvalidate2mNanos() + mix.base() * settings.pvalidate4kNanos();
        }
        long nanos = Math.round(requests * settings.requestNanos() * exitSlowdown)
                + rmpUpdates * settings.rmpUpdateNanos()
                + pvalidateNanos
                + pages * settings.zeroNanosPer4K();
        return new AcceptanceCost(nanos, requests, mix.bytes());
    }

    /** Rescind each 4K page, one Page State Change per request's worth of entries, RMPUPDATE and kicks per page. */
    private AcceptanceCost convert(AcceptRequest request, double exitSlowdown) {
        long pages = request.pages();
        long requests = Sizes.ceilDiv(pages, settings.entriesPerRequest());
        long nanos = Math.round(requests * settings.requestNanos() * exitSlowdown)
                + pages * (settings.pvalidate4kNanos() + settings.rmpUpdateNanos()
                        + request.spinningVcpus() * settings.kickNanos());
        return new AcceptanceCost(nanos, requests + pages * request.spinningVcpus(), 0);
    }

    @Override
    public boolean commitsOnAccept() {
        return true;
    }
}
