package dev.fleetsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fleetsim.host.SnpCostModel.SnpSettings;
import org.junit.jupiter.api.Test;

class SnpCostModelTest {

    private static final long K = 1L << 10, M = 1L << 20;

    /** Prices a request at 1000 ns, an RMPUPDATE at 10, a 4K PVALIDATE at 1 and a 2M one at 100. */
    private static SnpCostModel prepare(PageSize hostMapping) {
        return new SnpCostModel(new SnpSettings(hostMapping, 64, 1000, 10, 1, 100, 0, 0, 0));
    }

    @Test
    void sixtyFourHugeEntriesFitOneRequest() {
        AcceptanceCost cost = prepare(PageSize.SIZE_2M).cost(AcceptRequest.of(0, 128 * M, AcceptPath.KERNEL, 1), 1);
        assertEquals(1, cost.exits());
        assertEquals(1000 + 64 * 10 + 64 * 100, cost.cpuNanos());
    }

    @Test
    void sixtyFifthEntryNeedsASecondRequest() {
        AcceptanceCost cost = prepare(PageSize.SIZE_2M).cost(AcceptRequest.of(0, 130 * M, AcceptPath.KERNEL, 1), 1);
        assertEquals(2, cost.exits());
    }

    @Test
    void baseHostMappingSplitsHugeEntriesOnTheHostAndInPvalidate() {
        AcceptanceCost cost = prepare(PageSize.SIZE_4K).cost(AcceptRequest.of(0, 2 * M, AcceptPath.KERNEL, 1), 1);
        assertEquals(1, cost.exits());
        // 512 RMPUPDATEs, one failed 2M PVALIDATE, 512 4K PVALIDATEs
        assertEquals(1000 + 512 * 10 + 1 + 512, cost.cpuNanos());
    }

    @Test
    void earlyBootChangesOnePagePerRequest() {
        AcceptanceCost cost = prepare(PageSize.SIZE_2M).cost(AcceptRequest.of(0, 2 * M, AcceptPath.EARLY_BOOT, 1), 1);
        assertEquals(512, cost.exits());
        assertEquals(512 * (1000 + 10 + 1), cost.cpuNanos());
    }

    @Test
    void unalignedEdgesAreBaseEntries() {
        // 511 base pages + 1 huge + 1 base page = 513 entries = 9 requests of 64
        AcceptanceCost cost = prepare(PageSize.SIZE_2M)
                .cost(AcceptRequest.of(4 * K, 4 * M + 4 * K, AcceptPath.KERNEL, 1), 1);
        assertEquals(9, cost.exits());
    }

    @Test
    void launchMarksEveryPagePrivateAtItsCost() {
        var model = new SnpCostModel(new SnpSettings(PageSize.SIZE_4K, 64, 1000, 10, 1, 100, 0, 50, 0));
        AcceptanceCost cost = model.cost(new AcceptRequest(0, 64 * M, PageSize.SIZE_4K, AcceptPath.LAUNCH, 1), 1);
        assertEquals(64 * 256 * 50, cost.cpuNanos());
        assertEquals(0, cost.committedBytes());
    }
}
