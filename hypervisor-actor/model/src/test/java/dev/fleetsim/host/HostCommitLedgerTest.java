package dev.fleetsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostCommitLedgerTest {

    private static final long G = 1L << 30;

    private static HostCommitLedger prepare(OvercommitPolicy policy) {
        return new HostCommitLedger(new HostCapacity(8 * G, 16, 1.5, policy),
                new HostOverheadModel(HostOverheadSettings.defaults(), Platform.TDX, PageSize.SIZE_4K, 8 * G));
    }

    @Test
    void commitCannotExceedTheGuestsConfiguredMemory() {
        HostCommitLedger ledger = prepare(OvercommitPolicy.COUNT_PRESSURE);
        ledger.place(1, 4 * G, 0);
        ledger.commit(1, 4 * G, 10);
        var e = assertThrows(IllegalStateException.class, () -> ledger.commit(1, 1, 20));
        assertEquals("guest 1 would commit " + (4 * G + 1) + " bytes of its " + 4 * G, e.getMessage());
    }

    @Test
    void timeWeightedMeanAndEagerEquivalent() {
        HostCommitLedger ledger = prepare(OvercommitPolicy.COUNT_PRESSURE);
        ledger.place(1, 4 * G, 0);
        ledger.commit(1, G, 0);
        ledger.commit(1, G, 50);
        ledger.advanceTo(100);
        assertEquals(1.5 * G, ledger.meanCommittedBytes(), 1e-6);
        assertEquals(4.0 * G, ledger.meanEagerBytes(), 1e-6);
        assertEquals(2 * G, ledger.peakCommittedBytes());
        assertEquals(4 * G, ledger.peakEagerBytes());
    }

    @Test
    void pressureIsCountedOncePerCrossingOfPhysicalMemory() {
        HostCommitLedger ledger = prepare(OvercommitPolicy.COUNT_PRESSURE);
        ledger.place(1, 6 * G, 0);
        ledger.place(2, 6 * G, 0);
        ledger.commit(1, 6 * G, 1);
        ledger.commit(2, 3 * G, 2);
        ledger.commit(2, G, 3);
        assertEquals(1, ledger.pressureEvents());
        ledger.release(2, 4);
        ledger.place(3, 4 * G, 5);
        ledger.commit(3, 3 * G, 6);
        assertEquals(2, ledger.pressureEvents());
        assertEquals(9 * G, ledger.committedBytes());
    }

    @Test
    void timeCannotGoBack() {
        HostCommitLedger ledger = prepare(OvercommitPolicy.COUNT_PRESSURE);
        ledger.advanceTo(100);
        var e = assertThrows(IllegalStateException.class, () -> ledger.advanceTo(99));
        assertEquals("ledger time would go back from 100 to 99", e.getMessage());
    }

    @Test
    void overheadFollowsEachGuestsCommitAndLeavesWithIt() {
        HostOverheadModel model = new HostOverheadModel(HostOverheadSettings.defaults(), Platform.TDX,
                PageSize.SIZE_4K, 8 * G);
        HostCommitLedger ledger = new HostCommitLedger(new HostCapacity(8 * G, 16, 1.5,
                OvercommitPolicy.COUNT_PRESSURE), model);
        ledger.place(1, 4 * G, 0);
        ledger.commit(1, G, 0);
        ledger.commit(1, G, 50);
        assertEquals(model.vm(4 * G, 2 * G), ledger.overhead(1));
        assertEquals(model.host().plus(model.vm(4 * G, 2 * G)), ledger.overhead());
        ledger.release(1, 100);
        assertEquals(model.host(), ledger.overhead());
        long septHalf = model.vm(4 * G, G).septBytes(), septFull = model.vm(4 * G, 2 * G).septBytes();
        assertEquals((septHalf * 50 + septFull * 50) / 100.0, ledger.meanOverhead().septBytes(), 1e-6);
        assertEquals(model.host().pamtBytes(), ledger.meanOverhead().pamtBytes(), 1e-6);
    }
}
