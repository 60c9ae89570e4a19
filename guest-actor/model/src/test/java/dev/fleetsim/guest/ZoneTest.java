package dev.fleetsim.guest;

import static dev.fleetsim.guest.AcceptLog.range;
import static dev.fleetsim.host.Sizes.KIB;
import static dev.fleetsim.host.Sizes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The page allocator's lazy-acceptance rules on a 64 MiB zone at address 0 with 2 MiB units. */
class ZoneTest {

    private final AcceptLog log = new AcceptLog();

    private Zone prepare(boolean lazy, long firstUnaccepted) {
        UnacceptedTable table = new UnacceptedTable(0, 4, 2 * MIB);
        table.markUnaccepted(firstUnaccepted / (2 * MIB), (64 * MIB - firstUnaccepted) / (2 * MIB));
        return new Zone(Optional.of(table), lazy, false, log);
    }

    @Test
    void lazyZoneParksWholeBlocksAsFreeAndUnaccepted() {
        Zone zone = prepare(true, 0);
        zone.freeBootMemory(0, 64 * MIB);
        assertEquals(64 * MIB, zone.unacceptedListBytes());
        assertEquals(64 * MIB, zone.freeBytes());
        assertEquals(0, zone.freeAcceptedBytes());
        assertEquals(List.of(), log.ranges);
    }

    @Test
    void beforeWatermarksEachAllocationAcceptsOneBlockWithItsGuard() {
        Zone zone = prepare(true, 0);
        zone.freeBootMemory(0, 64 * MIB);
        zone.allocate(4 * KIB, 1);
        zone.allocate(4 * KIB, 1);
        assertEquals(List.of(range(0, 6 * MIB), range(6 * MIB, 10 * MIB)), log.ranges);
        assertEquals(56 * MIB, zone.unacceptedListBytes());
        assertEquals(8 * MIB - 8 * KIB, zone.freeAcceptedBytes());
    }

    @Test
    void afterWatermarksAllocationAcceptsUpToThePromoWatermark() {
        Zone zone = prepare(true, 0);
        zone.freeBootMemory(0, 64 * MIB);
        zone.allocate(4 * KIB, 2);
        zone.initWatermarks();
        // 64 MiB managed: min_free_kbytes = sqrt(16 * 65536) = 1024 KiB, step = max(256 KiB, 64 KiB), promo 1.75 MiB
        assertEquals(new Watermarks(MIB, 1280 * KIB, 1536 * KIB, 1792 * KIB), zone.watermarks());
        log.ranges.clear();
        zone.allocate(7 * MIB, 4);
        assertEquals(List.of(range(10 * MIB, 14 * MIB)), log.ranges, "free accepted fell to 1M-4K < promo");
        assertEquals(5 * MIB - 4 * KIB, zone.freeAcceptedBytes());
    }

    @Test
    void eagerZoneAcceptsEverythingAsItArrives() {
        Zone zone = prepare(false, 0);
        zone.freeBootMemory(0, 64 * MIB);
        assertEquals(List.of(range(0, 64 * MIB)), log.ranges, "the last guard unit is capped at the bitmap end");
        assertEquals(0, zone.unacceptedListBytes());
        assertEquals(64 * MIB, zone.freeAcceptedBytes());
    }

    @Test
    void smallerFragmentIsAcceptedAtOnce() {
        Zone zone = prepare(true, 0);
        zone.freeBootMemory(2 * MIB, 64 * MIB);
        assertEquals(List.of(range(2 * MIB, 6 * MIB)), log.ranges, "order-9 head with its guard unit");
        assertEquals(60 * MIB, zone.unacceptedListBytes());
    }

    @Test
    void blockJustBeforeUnacceptedMemoryCountsBecauseOfTheGuardUnit() {
        Zone zone = prepare(true, 8 * MIB);
        zone.freeBootMemory(0, 64 * MIB);
        assertEquals(60 * MIB, zone.unacceptedListBytes(), "[4M,8M) is accepted but its guard unit is not");
        assertEquals(4 * MIB, zone.freeAcceptedBytes());
    }

    @Test
    void allocationBeyondAllMemoryGetsWhatExists() {
        Zone zone = prepare(true, 0);
        zone.freeBootMemory(0, 64 * MIB);
        zone.initWatermarks();
        assertEquals(64 * MIB, zone.allocate(100 * MIB, 50));
        assertEquals(0, zone.freeBytes());
    }
}
