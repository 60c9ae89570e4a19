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
    /** Pieces each base entry is cut into now, and their sum: kept up to date per acceptance. */
    private final int[] pieces;
    private int entries;
    private int peakEntries;

    /** Starts from the firmware's unaccepted descriptors over the e820 map the stub produced. */
    public E820RangeTracker(EfiMemoryMap firmwareMap, List<E820Entry> e820) {
        this.base = List.copyOf(e820);
        for (EfiMemoryDescriptor d : firmwareMap.descriptors()) {
            if (d.type() == EfiMemoryType.UNACCEPTED) {
                unaccepted.add(d.physStart(), d.end());
            }
        }
        pieces = new int[base.size()];
        for (int i = 0; i < base.size(); i++) {
            pieces[i] = piecesOf(base.get(i));
            entries += pieces[i];
        }
        peakEntries = entries;
    }

    /** Only the entries the accepted range overlaps change, so only they are counted again. */
    @Override
    public void accept(long start, long end) {
        unaccepted.remove(start, end);
        for (int i = 0; i < base.size(); i++) {
            E820Entry entry = base.get(i);
            if (entry.start() < end && start < entry.end()) {
                int now = piecesOf(entry);
                entries += now - pieces[i];
                pieces[i] = now;
            }
        }
        peakEntries = Math.max(peakEntries, entries);
    }

    /** Entries the e820 table needs now. */
    public int entries() {
        return entries;
    }

    /**
     * The pieces one entry is cut into: alternating accepted and unaccepted (a run of unaccepted memory in the
     * middle of an entry adds two, one touching an edge adds one).
     */
    private int piecesOf(E820Entry entry) {
        List<UnitRangeSet.Run> runs = unaccepted.runsWithin(entry.start(), entry.end());
        int count = 1 + 2 * runs.size();
        if (!runs.isEmpty() && runs.get(0).start() == entry.start()) {
            count--;
        }
        if (!runs.isEmpty() && runs.get(runs.size() - 1).end() == entry.end()) {
            count--;
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
