package dev.fleetsim.guest;

import java.util.List;

/**
 * The design the patch series rejected: tracking unaccepted memory as its own e820 ranges.
 *
 * <p>It follows the same acceptance history as the bitmap (it is an {@link Acceptor} fed every accepted range) and
 * counts the e820 entries that history would need. Every acceptance inside an unaccepted range splits it, and the
 * zero page has room for only {@value E820Entry#MAX_ENTRIES_ZEROPAGE} entries; the bitmap avoids both problems.
 */
public final class E820RangeTracker implements Acceptor {

    private final List<E820Entry> base;
    private final UnitRangeSet unaccepted = new UnitRangeSet();
    private int peakEntries;

    /** Starts from the firmware's unaccepted descriptors over the e820 map the stub produced. */
    public E820RangeTracker(EfiMemoryMap firmwareMap, List<E820Entry> e820) {
        this.base = List.copyOf(e820);
        for (EfiMemoryDescriptor d : firmwareMap.descriptors()) {
            if (d.type() == EfiMemoryType.UNACCEPTED) {
                unaccepted.add(d.physStart(), d.end());
            }
        }
        peakEntries = entries();
    }

    @Override
    public void accept(long start, long end) {
        unaccepted.remove(start, end);
        peakEntries = Math.max(peakEntries, entries());
    }

    /**
     * Entries the e820 table needs now: each RAM entry is cut into alternating accepted and unaccepted pieces (a
     * run of unaccepted memory in the middle of an entry adds two, one touching an edge adds one).
     */
    public int entries() {
        int count = 0;
        for (E820Entry entry : base) {
            List<UnitRangeSet.Run> runs = unaccepted.runsWithin(entry.start(), entry.end());
            int pieces = 1 + 2 * runs.size();
            if (!runs.isEmpty() && runs.get(0).start() == entry.start()) {
                pieces--;
            }
            if (!runs.isEmpty() && runs.get(runs.size() - 1).end() == entry.end()) {
                pieces--;
            }
            count += pieces;
        }
        return count;
    }

    public int peakEntries() {
        return peakEntries;
    }

    public boolean exceededZeroPage() {
        return peakEntries > E820Entry.MAX_ENTRIES_ZEROPAGE;
    }

    public boolean isAccepted(long physAddress) {
        return !unaccepted.contains(physAddress);
    }

    public long unacceptedBytes() {
        return unaccepted.cardinality();
    }
}
