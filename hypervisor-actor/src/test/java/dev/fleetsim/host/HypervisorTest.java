package dev.fleetsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.host.TdxCostModel.TdxSettings;
import org.junit.jupiter.api.Test;

class HypervisorTest {

    private static final long M = 1L << 20, G = 1L << 30;

    private static Hypervisor prepare(ContentionCurve curve, int guests) {
        var hv = new Hypervisor(new TdxCostModel(new TdxSettings(PageSize.SIZE_4K, 7000, 300, 700)), curve,
                new HostCapacity(1024 * G, 256, 1.0, OvercommitPolicy.COUNT_PRESSURE),
                new HostOverheadModel(HostOverheadSettings.defaults(), Platform.TDX, PageSize.SIZE_4K, 1024 * G));
        for (int g = 0; g < guests; g++) {
            hv.ledger().place(g, 4 * G, 0);
        }
        return hv;
    }

    /** The time the last of {@code guests} guests, all accepting 1 GiB at t=0, finishes. */
    private static long stormCompletion(int guests) {
        Hypervisor hv = prepare(new ContentionCurve(0.05, 64), guests);
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
        Hypervisor hv = prepare(new ContentionCurve(0.1, 64), 1);
        long single = hv.accept(0, AcceptRequest.of(0, 64 * M, AcceptPath.FIRMWARE, 1), 0).durationNanos();
        Hypervisor hv4 = prepare(new ContentionCurve(0.1, 64), 1);
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
}
