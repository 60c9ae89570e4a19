package dev.fleetsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetsim.host.TdxCostModel.TdxSettings;
import org.junit.jupiter.api.Test;

class TdxCostModelTest {

    private static final long M = 1L << 20, G = 1L << 30;

    /** Prices each exit at 1000 ns, each TDCALL at 1 ns and each zeroed page at 0, so counts can be read back. */
    private static TdxCostModel prepare(PageSize hostMapping) {
        return new TdxCostModel(new TdxSettings(hostMapping, 1000, 1, 0, 0, 0));
    }

    private static AcceptRequest accept(long start, long end) {
        return AcceptRequest.of(start, end, AcceptPath.KERNEL, 1);
    }

    @Test
    void hugeAcceptOnBaseMappingIsFiveHundredTwelveExits() {
        AcceptanceCost cost = prepare(PageSize.SIZE_4K).cost(accept(0, 2 * M), 1.0);
        assertEquals(512, cost.exits());
        // one failed 2M TDCALL, then 512 successful 4K ones
        assertEquals(512 * 1000 + 513, cost.cpuNanos());
        assertEquals(2 * M, cost.committedBytes());
    }

    @Test
    void hugeAcceptOnHugeMappingIsOneExit() {
        AcceptanceCost cost = prepare(PageSize.SIZE_2M).cost(accept(0, 2 * M), 1.0);
        assertEquals(1, cost.exits());
        assertEquals(1000 + 1, cost.cpuNanos());
    }

    @Test
    void gigabyteFallsBackToHugeThenBase() {
        AcceptanceCost onHuge = prepare(PageSize.SIZE_2M).cost(accept(G, 2 * G), 1.0);
        assertEquals(512, onHuge.exits());
        assertEquals(512 * 1000 + 1 + 512, onHuge.cpuNanos());
        AcceptanceCost onBase = prepare(PageSize.SIZE_4K).cost(accept(G, 2 * G), 1.0);
        assertEquals(512 * 512, onBase.exits());
        assertEquals(512L * 512 * 1000 + 1 + 512 + 512 * 512, onBase.cpuNanos());
    }

    @Test
    void slowdownScalesOnlyTheExits() {
        AcceptanceCost cost = prepare(PageSize.SIZE_4K).cost(accept(0, 2 * M), 2.0);
        assertEquals(512 * 2000 + 513, cost.cpuNanos());
    }

    @Test
    void zeroingIsChargedPerBasePage() {
        var model = new TdxCostModel(new TdxSettings(PageSize.SIZE_2M, 0, 0, 7, 0, 0));
        assertEquals(7 * 512, model.cost(accept(0, 2 * M), 1.0).cpuNanos());
    }
}
