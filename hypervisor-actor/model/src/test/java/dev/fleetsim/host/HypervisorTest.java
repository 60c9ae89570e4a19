package dev.fleetsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.host.TdxCostModel.TdxSettings;
import org.junit.jupiter.api.Test;

class HypervisorTest {

    private static final long M = 1L << 20, G = 1L << 30;

    private static Hypervisor prepare(ContentionCurve curve, int guests) {
        var hv = new Hypervisor(new TdxCostModel(new TdxSettings(PageSize.SIZE_4K, 7000, 300, 700, 2000, 4000)), curve,
                new HostCapacity(1024 * G, 256, 1.0, OvercommitPolicy.COUNT_PRESSURE),
                new HostOverheadModel(HostOverheadSettings.defaults(), Platform.TDX, PageSize.SIZE_4K, 1024 * G));
        for (int g = 0; g < guests; g++) {
            hv.ledger().place(g, 4 * G, 0);
        }
        return hv;
    }

    /** The time the last of {@code guests} guests, all accepting 1 GiB at t=0, finishes. */
    private static long stormCompletion(int guests) {
        Hypervisor hv = prepare(new ContentionCurve(0.05, 64, 0), guests);
        long last = 0;
        for (int g = 0; g < guests; g++) {
            last = Math.max(last, hv.accept(g, AcceptRequest.of(0, G, AcceptPath.KERNEL, 1), 0).completionNanos());
        }
        return last;
    }

    @Test
    void bootStormSlowsMonotonicallyWithGuestCount() {
        long previous = stormCompletion(1);
        for (int guests : new int[] {2, 4, 8, 16, 32}) {
            long now = stormCompletion(guests);
            assertTrue(now > previous, guests + " guests finished at " + now + ", not after " + previous);
            previous = now;
        }
    }

    @Test
    void withoutContentionConcurrentGuestsTakeAsLongAsOne() {
        Hypervisor hv = prepare(ContentionCurve.NONE, 2);
        long one = hv.accept(0, AcceptRequest.of(0, G, AcceptPath.KERNEL, 1), 0).durationNanos();
        long two = hv.accept(1, AcceptRequest.of(0, G, AcceptPath.KERNEL, 1), 0).durationNanos();
        assertEquals(one, two);
        long pages = 262_144;
        // every page: an exit and zeroing; TDCALLs: the failed 1G try, 512 failed 2M tries, then one per page
        assertEquals(pages * 7000 + pages * 700 + (1 + 512 + pages) * 300, one);
    }

    @Test
    void parallelVcpusShareTheWorkButContendWithEachOther() {
        Hypervisor hv = prepare(new ContentionCurve(0.1, 64, 0), 1);
        long single = hv.accept(0, AcceptRequest.of(0, 64 * M, AcceptPath.FIRMWARE, 1), 0).durationNanos();
        Hypervisor hv4 = prepare(new ContentionCurve(0.1, 64, 0), 1);
        long four = hv4.accept(0, AcceptRequest.of(0, 64 * M, AcceptPath.FIRMWARE, 4), 0).durationNanos();
        assertTrue(four < single, "4 vCPUs should finish sooner");
        assertTrue(four > single / 4, "but contention keeps them from a 4x speed-up");
    }

    @Test
    void acceptingCommitsOnTheLedger() {
        Hypervisor hv = prepare(ContentionCurve.NONE, 1);
        hv.accept(0, AcceptRequest.of(0, 64 * M, AcceptPath.KERNEL, 1), 0);
        assertEquals(64 * M, hv.ledger().committedBytes(0));
        assertEquals(64 * 256, hv.exits());
    }

    private static AcceptRequest oneGig(AcceptPath path, int idle, int spinning, int stretch) {
        return new AcceptRequest(0, G, PageSize.SIZE_2M, path, 1, idle, spinning, stretch);
    }

    @Test
    void idleVcpusOfTheTdSlowItsAcceptExits() {
        var curve = new ContentionCurve(0.1, 64, 0.5);
        long alone = prepare(curve, 1).accept(0, oneGig(AcceptPath.KERNEL, 0, 0, 1000), 0).durationNanos();
        long among = prepare(curve, 1).accept(0, oneGig(AcceptPath.KERNEL, 30, 0, 1000), 0).durationNanos();
        // 30 idle vCPUs at half an exiter each: slowdown 1 + 0.1 * 15 = 2.5 on the exits (7 us of 8.0 us a page)
        assertEquals(2.5 * 7000 + 300 + 700 + 300 / 512.0, among / (double) (G / (4 * 1024)), 5);
        assertTrue(among > 2 * alone, among + " vs " + alone);
    }

    @Test
    void competingGuestThreadStretchesTheRequest() {
        long plain = prepare(ContentionCurve.NONE, 1).accept(0, oneGig(AcceptPath.KERNEL, 0, 0, 1000), 0)
                .durationNanos();
        long stretched = prepare(ContentionCurve.NONE, 1).accept(0, oneGig(AcceptPath.KERNEL, 0, 0, 1500), 0)
                .durationNanos();
        assertEquals(1.5, stretched / (double) plain, 1e-6);
    }

    @Test
    void conversionKicksEverySpinningVcpuPerPageAndCommitsNothing() {
        Hypervisor hv = prepare(ContentionCurve.NONE, 1);
        long none = hv.accept(0, oneGig(AcceptPath.CONVERSION, 0, 0, 1000), 0).durationNanos();
        long spinning = prepare(ContentionCurve.NONE, 1).accept(0, oneGig(AcceptPath.CONVERSION, 0, 15, 1000), 0)
                .durationNanos();
        long pages = G / (4 * 1024);
        assertEquals(7000 + pages * 2000, none);
        assertEquals(7000 + pages * (2000 + 15 * 4000), spinning);
        assertEquals(0, hv.ledger().committedBytes(0), "shared memory was committed when it was accepted");
    }

    @Test
    void launchOfATdCostsNothingAndCommitsNothing() {
        Hypervisor hv = prepare(ContentionCurve.NONE, 1);
        assertEquals(0, hv.accept(0, oneGig(AcceptPath.LAUNCH, 0, 0, 1000), 0).durationNanos());
        assertEquals(0, hv.ledger().committedBytes(0));
    }
}
