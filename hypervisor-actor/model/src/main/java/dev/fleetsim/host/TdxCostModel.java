package dev.fleetsim.host;

import static dev.fleetsim.host.PageSize.SIZE_1G;
import static dev.fleetsim.host.PageSize.SIZE_2M;
import static dev.fleetsim.host.PageSize.SIZE_4K;

/**
 * Intel TDX acceptance.
 *
 * <p>The guest issues {@code TDG.MEM.PAGE.ACCEPT} at 1G, 2M, then 4K. An attempt larger than the host's private
 * mapping level fails with a size mismatch and is retried at the next smaller size; upstream KVM maps TD private
 * memory at 4K only, so each 2M attempt ends as 512 4K accepts. Every host page mapped costs one EPT-violation exit
 * plus {@code TDH.MEM.PAGE.AUG} (the exit of a failed attempt maps the first page of the retry, so the exit count is
 * the number of host pages), and the TDX module zeroes every 4K page it accepts. Edge 4K attempts under a 2M host
 * mapping share one exit per 2M region; commit is charged by accepted bytes (the host rounds such an edge to 2M,
 * which this model ignores: at most two 2M regions per request).
 *
 * <p>Converting private memory to shared ({@code MapGPA}, {@code arch/x86/coco/tdx/tdx.c: tdx_map_gpa}) makes the
 * host update the memory attributes, remove the private pages from the Secure EPT and flush the TD's TLBs page by
 * page; every vCPU still in guest mode (APs spinning in the firmware's wake-up loop) is forced out and back in for
 * each flush. TDX needs no launch-time pass over memory: private pages are added when first accepted.
 */
public record TdxCostModel(TdxSettings settings) implements AcceptanceCostModel {

    /**
     * @param hostMapping       the level KVM maps TD private memory at: 4K upstream, 2M with the huge-page patches
     * @param exitNanos         one EPT-violation exit, {@code TDH.MEM.PAGE.AUG} and re-entry, uncontended
     * @param tdcallNanos       one {@code TDG.MEM.PAGE.ACCEPT} call into the TDX module, successful or failed
     * @param zeroNanosPer4K    the TDX module clearing 4 KiB of newly accepted private memory
     * @param convertNanosPer4K converting 4 KiB to shared: the attribute update, Secure-EPT removal and TLB tracking
     * @param kickNanos         forcing one vCPU out of the TD and back in for a TLB flush
     */
    public record TdxSettings(PageSize hostMapping, long exitNanos, long tdcallNanos, long zeroNanosPer4K,
                              long convertNanosPer4K, long kickNanos) {
        public TdxSettings {
            if (hostMapping == SIZE_1G) {
                throw new IllegalArgumentException("TDX host mapping: allowed 4K, 2M (KVM does not map 1G)");
            }
            if (exitNanos < 0 || tdcallNanos < 0 || zeroNanosPer4K < 0 || convertNanosPer4K < 0 || kickNanos < 0) {
                throw new IllegalArgumentException("TDX costs must be >= 0");
            }
        }

        public TdxSettings withHostMapping(PageSize mapping) {
            return new TdxSettings(mapping, exitNanos, tdcallNanos, zeroNanosPer4K, convertNanosPer4K, kickNanos);
        }

        public TdxSettings withExitNanos(long nanos) {
            return new TdxSettings(hostMapping, nanos, tdcallNanos, zeroNanosPer4K, convertNanosPer4K, kickNanos);
        }
    }

    @Override
    public AcceptanceCost cost(AcceptRequest request, double exitSlowdown) {
        return switch (request.path()) {
            case LAUNCH -> new AcceptanceCost(0, 0, 0);
            case CONVERSION -> convert(request, exitSlowdown);
            default -> accept(request, exitSlowdown);
        };
    }

    private AcceptanceCost accept(AcceptRequest request, double exitSlowdown) {
        PageSizeMix mix = request.attempts();
        PageSize mapping = settings.hostMapping();
        long hugeAttempts = mix.huge() + mix.gigantic() * SIZE_1G.splitFactor();
        long baseAttempts = mix.base() + (mapping == SIZE_4K ? hugeAttempts * SIZE_2M.splitFactor() : 0);
        long tdcalls = mix.gigantic() + hugeAttempts + baseAttempts;
        long exits = mapping == SIZE_4K
                ? mix.basePages()
                : hugeAttempts + Sizes.ceilDiv(mix.base(), SIZE_2M.splitFactor());
        long nanos = Math.round(exits * settings.exitNanos() * exitSlowdown)
                + tdcalls * settings.tdcallNanos()
                + mix.basePages() * settings.zeroNanosPer4K();
        return new AcceptanceCost(nanos, exits, mix.bytes());
    }

    /**
     * One MapGPA exit for the range, then per page the host's work and a kick of every spinning vCPU; the kicked
     * vCPUs exit all at once, so each kick is slowed as a contended exit.
     */
    private AcceptanceCost convert(AcceptRequest request, double exitSlowdown) {
        long pages = request.pages();
        double perPage = settings.convertNanosPer4K() + request.spinningVcpus() * settings.kickNanos() * exitSlowdown;
        long nanos = Math.round(settings.exitNanos() * exitSlowdown + pages * perPage);
        return new AcceptanceCost(nanos, 1 + pages * request.spinningVcpus(), 0);
    }

    @Override
    public boolean commitsOnAccept() {
        return true;
    }
}
