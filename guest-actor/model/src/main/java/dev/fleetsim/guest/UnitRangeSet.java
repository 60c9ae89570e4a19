package dev.fleetsim.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of unit indices stored as sorted, disjoint, non-adjacent runs {@code [start, end)}.
 *
 * <p>This is the storage behind {@link UnacceptedTable}'s bitmap: the kernel walks a bitmap by runs of set bits
 * ({@code for_each_set_bitrange_from}), so keeping the runs themselves gives the same answers while costing space and
 * time by the number of runs, not by the memory they cover (a 4 PiB sparse space is two runs, not 256 MiB).
 */
public final class UnitRangeSet {

    /** A run of units {@code [start, end)}. */
    public record Run(long start, long end) {
        public long length() {
            return end - start;
        }
    }

    private final TreeMap<Long, Long> runs = new TreeMap<>();
    private long cardinality;

    /** Sets units {@code [start, end)}. */
    public void add(long start, long end) {
        if (start >= end) {
            return;
        }
        long newStart = start;
        long newEnd = end;
        Map.Entry<Long, Long> before = runs.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            newStart = before.getKey();
        }
        for (Map.Entry<Long, Long> e = runs.ceilingEntry(newStart); e != null && e.getKey() <= newEnd;
                e = runs.ceilingEntry(newStart)) {
            newEnd = Math.max(newEnd, e.getValue());
            cardinality -= e.getValue() - e.getKey();
            runs.remove(e.getKey());
        }
        runs.put(newStart, newEnd);
        cardinality += newEnd - newStart;
    }

    /** Clears units {@code [start, end)} and returns the runs that were set in it, in ascending order. */
    public List<Run> remove(long start, long end) {
        List<Run> removed = runsWithin(start, end);
        for (Run r : removed) {
            Map.Entry<Long, Long> owner = runs.floorEntry(r.start());
            long ownerStart = owner.getKey();
            long ownerEnd = owner.getValue();
            runs.remove(ownerStart);
            if (ownerStart < r.start()) {
                runs.put(ownerStart, r.start());
            }
            if (r.end() < ownerEnd) {
                runs.put(r.end(), ownerEnd);
            }
            cardinality -= r.length();
        }
        return removed;
    }

    /** The set runs clipped to {@code [start, end)}, in ascending order. */
    public List<Run> runsWithin(long start, long end) {
        List<Run> result = new ArrayList<>();
        if (start >= end) {
            return result;
        }
        Long from = runs.floorKey(start);
        for (Map.Entry<Long, Long> e : runs.tailMap(from == null ? start : from, true).entrySet()) {
            if (e.getKey() >= end) {
                break;
            }
            long s = Math.max(start, e.getKey());
            long t = Math.min(end, e.getValue());
            if (s < t) {
                result.add(new Run(s, t));
            }
        }
        return result;
    }

    /** The first set run that overlaps {@code [start, end)}, whole (not clipped), or null. */
    public Run firstRunOverlapping(long start, long end) {
        Map.Entry<Long, Long> below = runs.floorEntry(start);
        if (below != null && below.getValue() > start) {
            return new Run(below.getKey(), below.getValue());
        }
        Map.Entry<Long, Long> above = runs.ceilingEntry(start);
        return above != null && above.getKey() < end ? new Run(above.getKey(), above.getValue()) : null;
    }

    public boolean intersects(long start, long end) {
        return start < end && firstRunOverlapping(start, end) != null;
    }

    public boolean contains(long unit) {
        Map.Entry<Long, Long> e = runs.floorEntry(unit);
        return e != null && unit < e.getValue();
    }

    /** The number of set units. */
    public long cardinality() {
        return cardinality;
    }

    public List<Run> runs() {
        return runsWithin(Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
