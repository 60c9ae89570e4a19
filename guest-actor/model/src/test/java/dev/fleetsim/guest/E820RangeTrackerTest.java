package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.GIB;
import static dev.fleetsim.host.Sizes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Range tracking of the same history: every acceptance inside unaccepted memory costs e820 entries. */
class E820RangeTrackerTest {

    private static E820RangeTracker prepare() {
        EfiMemoryMap map = new EfiMemoryMap(List.of(
                EfiMemoryDescriptor.ram(EfiMemoryType.CONVENTIONAL, 0, GIB),
                EfiMemoryDescriptor.ram(EfiMemoryType.UNACCEPTED, GIB, 5 * GIB)));
        return new E820RangeTracker(map, List.of(new E820Entry(0, 5 * GIB, E820Type.RAM)));
    }

    @Test
    void acceptingInsideAnUnacceptedRangeSplitsIt() {
        E820RangeTracker tracker = prepare();
        assertEquals(2, tracker.entries(), "accepted [0,1G), unaccepted [1G,5G)");
        tracker.accept(2 * GIB, 2 * GIB + 4 * MIB);
        assertEquals(4, tracker.entries());
        tracker.accept(GIB, 2 * GIB);
        assertEquals(2, tracker.entries(), "the first unaccepted piece is gone; accepted pieces merge");
        assertEquals(4, tracker.peakEntries());
    }

    @Test
    void scatteredAcceptancesOverflowTheZeroPage() {
        E820RangeTracker tracker = prepare();
        for (int i = 0; i < 64; i++) {
            tracker.accept(GIB + i * 8 * MIB + 2 * MIB, GIB + i * 8 * MIB + 4 * MIB);
        }
        assertEquals(2 + 2 * 64, tracker.entries());
        assertTrue(tracker.exceededZeroPage());
        assertFalse(prepare().exceededZeroPage());
    }
}
