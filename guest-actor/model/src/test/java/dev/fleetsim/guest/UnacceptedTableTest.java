package dev.fleetsim.guest;

import static dev.fleetsim.guest.AcceptLog.range;
import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's accept_memory and range_contains_unaccepted_memory, guard unit included. */
class UnacceptedTableTest {

    private static final long BASE = 4 * GIB;

    /** A 16 MiB window at 4 GiB, all eight 2 MiB units unaccepted. */
    private static UnacceptedTable prepare() {
        UnacceptedTable table = new UnacceptedTable(BASE, 1, 2 * MIB);
        table.markUnaccepted(0, 8);
        return table;
    }

    @Test
    void guardUnitAcceptedWhenEndIsUnitAligned() {
        AcceptLog log = new AcceptLog();
        prepare().acceptMemory(BASE, BASE + 4 * MIB, log);
        assertEquals(List.of(range(BASE, BASE + 6 * MIB)), log.ranges);
    }

    @Test
    void noGuardUnitWhenEndIsUnaligned() {
        AcceptLog log = new AcceptLog();
        prepare().acceptMemory(BASE, BASE + 3 * MIB, log);
        assertEquals(List.of(range(BASE, BASE + 4 * MIB)), log.ranges);
    }

    @Test
    void earlyAcceptHasNoGuardUnit() {
        AcceptLog log = new AcceptLog();
        prepare().acceptMemoryBeforeKernel(BASE, BASE + 4 * MIB, log);
        assertEquals(List.of(range(BASE, BASE + 4 * MIB)), log.ranges);
    }

    @Test
    void guardIsCappedAtTheEndOfTheBitmap() {
        AcceptLog log = new AcceptLog();
        prepare().acceptMemory(BASE + 14 * MIB, BASE + 16 * MIB, log);
        assertEquals(List.of(range(BASE + 14 * MIB, BASE + 16 * MIB)), log.ranges);
    }

    @Test
    void partBelowTheWindowIsIgnored() {
        AcceptLog log = new AcceptLog();
        prepare().acceptMemory(0, BASE + 2 * MIB, log);
        assertEquals(List.of(range(BASE, BASE + 4 * MIB)), log.ranges);
    }

    @Test
    void onlySetRunsAreAcceptedAndEachOnce() {
        UnacceptedTable table = prepare();
        AcceptLog log = new AcceptLog();
        table.acceptMemory(BASE + 4 * MIB, BASE + 5 * MIB, log);
        table.acceptMemory(BASE, BASE + 12 * MIB, log);
        assertEquals(List.of(range(BASE + 4 * MIB, BASE + 6 * MIB), range(BASE, BASE + 4 * MIB),
                range(BASE + 6 * MIB, BASE + 14 * MIB)), log.ranges);
        assertEquals(2 * MIB, table.unacceptedBytes());
    }

    @Test
    void containsCheckSeesTheGuardUnit() {
        UnacceptedTable table = new UnacceptedTable(BASE, 1, 2 * MIB);
        table.markUnaccepted(2, 6);
        assertTrue(table.rangeContainsUnacceptedMemory(BASE, BASE + 4 * MIB), "guard unit 2 is unaccepted");
        assertFalse(table.rangeContainsUnacceptedMemory(BASE, BASE + 3 * MIB));
        assertTrue(table.isAccepted(BASE + 4 * MIB - 1));
        assertFalse(table.isAccepted(BASE + 4 * MIB));
        assertTrue(table.isAccepted(BASE + 16 * MIB), "past the window counts as accepted");
    }
}
