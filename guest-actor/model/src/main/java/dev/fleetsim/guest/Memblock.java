package dev.fleetsim.guest;

import dev.fleetsim.host.Sizes;
import java.util.List;
import java.util.Optional;

/**
 * Early-boot memory management ({@code mm/memblock.c}) over the e820 RAM: reservations and top-down allocations
 * (x86's default), each allocation accepted before use as {@code memblock_alloc_range_nid} does. At the hand-over
 * to the buddy allocator the free ranges go to the {@link Zone} in ascending order ({@code memblock_free_all}).
 */
public final class Memblock {

    private final List<E820Entry> ram;
    private final UnitRangeSet reserved = new UnitRangeSet();
    private final Optional<UnacceptedTable> table;
    private final Acceptor acceptor;
    private long allocatedBytes;

    public Memblock(List<E820Entry> e820, Optional<UnacceptedTable> table, Acceptor acceptor) {
        this.ram = e820.stream().filter(e -> e.type() == E820Type.RAM).toList();
        this.table = table;
        this.acceptor = acceptor;
    }

    /** {@code memblock_reserve}: memory already in use (the kernel image, the firmware's tables). */
    public void reserve(long start, long end) {
        reserved.add(start, end);
    }

    /** {@code memblock_alloc}: the highest free, aligned range of {@code bytes}, accepted. */
    public long allocate(long bytes, long align) {
        for (int i = ram.size() - 1; i >= 0; i--) {
            E820Entry entry = ram.get(i);
            long candidate = Sizes.roundDown(entry.end() - bytes, align);
            while (candidate >= entry.start()) {
                UnitRangeSet.Run clash = reserved.firstRunOverlapping(candidate, candidate + bytes);
                if (clash == null) {
                    long found = candidate;
                    reserved.add(found, found + bytes);
                    table.ifPresent(t -> t.acceptMemory(found, found + bytes, acceptor));
                    allocatedBytes += bytes;
                    return found;
                }
                // below the whole reserved range at once: stepping through it would cost its size over bytes
                candidate = Sizes.roundDown(clash.start() - bytes, align);
            }
        }
        throw new GuestPanic("memblock: no " + Sizes.format(bytes) + " of free RAM for an early allocation");
    }

    /** {@code memblock_free_all}: every RAM range not reserved, ascending, handed to the zone. */
    public void freeAll(Zone zone) {
        freeAll(zone, 0, Long.MAX_VALUE);
    }

    /**
     * The part of {@link #freeAll(Zone)} within {@code [from, to)}: with deferred struct-page initialisation the
     * boot CPU frees the low part and the per-vCPU init threads the rest.
     */
    public void freeAll(Zone zone, long from, long to) {
        for (E820Entry entry : ram) {
            long start = Math.max(from, entry.start());
            long end = Math.min(to, entry.end());
            if (start >= end) {
                continue;
            }
            long cursor = start;
            for (UnitRangeSet.Run r : reserved.runsWithin(start, end)) {
                if (r.start() > cursor) {
                    zone.freeBootMemory(cursor, r.start());
                }
                cursor = Math.max(cursor, r.end());
            }
            if (cursor < end) {
                zone.freeBootMemory(cursor, end);
            }
        }
    }

    /** RAM below the physical address {@code limit}. */
    public long ramBytesBelow(long limit) {
        return ram.stream().mapToLong(e -> Math.max(0, Math.min(limit, e.end()) - e.start())).sum();
    }

    public long ramBytes() {
        return ram.stream().mapToLong(E820Entry::bytes).sum();
    }

    public long allocatedBytes() {
        return allocatedBytes;
    }
}
