package dev.fleetsim.guest;

import static dev.fleetsim.host.Sizes.MIB;

import dev.fleetsim.host.Sizes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The buddy allocator's view of guest memory with lazy acceptance ({@code mm/page_alloc.c}, the
 * {@code CONFIG_UNACCEPTED_MEMORY} block). One zone stands for all of the guest's memory (the kernel has DMA, DMA32
 * and Normal zones with their own lists and watermarks; we model their sum, which changes which addresses are
 * accepted first but not how much).
 *
 * <p>Memory arrives from memblock ({@link #freeBootMemory}) in {@link #MAX_ORDER_BYTES} blocks. In lazy mode a
 * block that still contains unaccepted memory goes on the zone's unaccepted list and counts as free and as
 * unaccepted; smaller pieces are accepted at once. Allocations then accept blocks from the head of the list
 * ({@code cond_accept_memory}) until accepted free memory reaches the promo watermark, or one block per allocation
 * while watermarks are still zero, so early boot always makes progress. In eager mode ({@code accept_memory=eager})
 * every block is accepted as it arrives. Blocks are handled as runs, never one 4 KiB page at a time.
 */
public final class Zone {

    /** {@code MAX_ORDER_NR_PAGES} pages of 4 KiB on x86: order 10. */
    public static final long MAX_ORDER_BYTES = 4 * MIB;

    private final Optional<UnacceptedTable> table;
    private final boolean lazy;
    private final boolean zeroWatermarkFix;
    private final Acceptor acceptor;
    /** The unaccepted list as runs of whole blocks, in list order (ascending address, as memblock frees). */
    private final ArrayDeque<long[]> unacceptedBlocks = new ArrayDeque<>();
    private long unacceptedListBytes;
    private long managedBytes;
    private long freeAcceptedBytes;
    private long allocatedBytes;
    private Watermarks watermarks = Watermarks.UNINITIALISED;

    /**
     * @param zeroWatermarkFix what-if: while watermarks are zero, accept only the blocks an allocation needs rather
     *                         than one per allocation
     */
    public Zone(Optional<UnacceptedTable> table, boolean lazy, boolean zeroWatermarkFix, Acceptor acceptor) {
        this.table = table;
        this.lazy = lazy;
        this.zeroWatermarkFix = zeroWatermarkFix;
        this.acceptor = acceptor;
    }

    /**
     * {@code memblock_free_all} for one free range: its aligned middle arrives as whole blocks, its edges as
     * smaller buddy orders, which are accepted at once if they contain unaccepted memory.
     */
    public void freeBootMemory(long start, long end) {
        long blocksStart = Math.min(end, Sizes.roundUp(start, MAX_ORDER_BYTES));
        long blocksEnd = Math.max(blocksStart, Sizes.roundDown(end, MAX_ORDER_BYTES));
        freeFragment(start, blocksStart);
        freeBlocks(blocksStart, blocksEnd);
        freeFragment(blocksEnd, end);
        managedBytes += end - start;
    }

    /** {@code init_per_zone_wmark_min}: from here on, allocations accept up to the promo watermark. */
    public void initWatermarks() {
        watermarks = Watermarks.forManagedBytes(managedBytes);
    }

    /**
     * Allocates {@code bytes} in {@code allocations} separate allocations, accepting what the kernel would on the
     * way. Returns the bytes actually allocated: less than asked only when accepted and unaccepted memory together
     * run out.
     */
    public long allocate(long bytes, long allocations) {
        long blocks;
        if (watermarks.initialised()) {
            blocks = Sizes.ceilDiv(Math.max(0, watermarks.promo() - (freeAcceptedBytes - bytes)), MAX_ORDER_BYTES);
        } else {
            long needed = Sizes.ceilDiv(Math.max(0, bytes - freeAcceptedBytes), MAX_ORDER_BYTES);
            blocks = zeroWatermarkFix ? needed : Math.max(allocations, needed);
        }
        acceptBlocks(blocks);
        long granted = Math.min(bytes, freeAcceptedBytes);
        freeAcceptedBytes -= granted;
        allocatedBytes += granted;
        return granted;
    }

    /** Memory given back by its user returns to the free lists, accepted. */
    public void free(long bytes) {
        if (bytes > allocatedBytes) {
            throw new IllegalStateException("freeing " + bytes + " bytes, only " + allocatedBytes + " allocated");
        }
        allocatedBytes -= bytes;
        freeAcceptedBytes += bytes;
    }

    /**
     * {@code try_to_accept_memory_one}, {@code blocks} times: takes blocks from the head of the unaccepted list,
     * accepts them and frees them as ordinary pages. Returns the bytes taken off the list.
     */
    public long acceptBlocks(long blocks) {
        long wanted = Math.min(blocks * MAX_ORDER_BYTES, unacceptedListBytes);
        long taken = 0;
        while (taken < wanted) {
            long[] run = unacceptedBlocks.peekFirst();
            long chunkEnd = Math.min(run[1], run[0] + wanted - taken);
            // Accepting a contiguous run in one call clears the same bits as one call per block: each block's
            // guard unit is the next block's first unit, and the last guard is the one after the run.
            table.orElseThrow().acceptMemory(run[0], chunkEnd, acceptor);
            taken += chunkEnd - run[0];
            run[0] = chunkEnd;
            if (run[0] == run[1]) {
                unacceptedBlocks.pollFirst();
            }
        }
        unacceptedListBytes -= taken;
        freeAcceptedBytes += taken;
        return taken;
    }

    private void freeFragment(long start, long end) {
        if (start >= end) {
            return;
        }
        if (table.isPresent() && table.get().rangeContainsUnacceptedMemory(start, end)) {
            table.get().acceptMemory(start, end, acceptor);
        }
        freeAcceptedBytes += end - start;
    }

    private void freeBlocks(long start, long end) {
        long cursor = start;
        for (long[] run : blocksWithUnaccepted(start, end)) {
            freeAcceptedBytes += run[0] - cursor;
            if (lazy) {
                unacceptedBlocks.addLast(run);
                unacceptedListBytes += run[1] - run[0];
            } else {
                table.orElseThrow().acceptMemory(run[0], run[1], acceptor);
                freeAcceptedBytes += run[1] - run[0];
            }
            cursor = run[1];
        }
        freeAcceptedBytes += end - cursor;
    }

    /**
     * Runs of blocks in {@code [start, end)} for which {@code page_contains_unaccepted} holds. Because the check
     * includes the guard unit, a block just before unaccepted memory counts too. Found from the bitmap's runs: a
     * block can only qualify if it lies within one guard unit plus one block before a run.
     */
    private List<long[]> blocksWithUnaccepted(long start, long end) {
        List<long[]> result = new ArrayList<>();
        if (table.isEmpty() || start >= end) {
            return result;
        }
        UnacceptedTable t = table.get();
        long unit = t.unitSize();
        for (UnitRangeSet.Run run : t.unacceptedUnits()) {
            long runStart = t.physBase() + run.start() * unit;
            long runEnd = t.physBase() + run.end() * unit;
            long first = Math.max(start, Sizes.roundDown(runStart - unit, MAX_ORDER_BYTES));
            long last = Math.min(end, Sizes.roundUp(runEnd, MAX_ORDER_BYTES));
            while (first < last && !t.rangeContainsUnacceptedMemory(first, first + MAX_ORDER_BYTES)) {
                first += MAX_ORDER_BYTES;
            }
            if (first >= last) {
                continue;
            }
            long[] previous = result.isEmpty() ? null : result.get(result.size() - 1);
            if (previous != null && previous[1] >= first) {
                previous[1] = Math.max(previous[1], last);
            } else {
                result.add(new long[] {first, last});
            }
        }
        return result;
    }

    public long managedBytes() {
        return managedBytes;
    }

    /** {@code MemFree}: accepted free memory plus the unaccepted list, which counts as free. */
    public long freeBytes() {
        return freeAcceptedBytes + unacceptedListBytes;
    }

    public long freeAcceptedBytes() {
        return freeAcceptedBytes;
    }

    /** {@code Unaccepted} in /proc/meminfo ({@code NR_UNACCEPTED}): bytes on the unaccepted list. */
    public long unacceptedListBytes() {
        return unacceptedListBytes;
    }

    public long allocatedBytes() {
        return allocatedBytes;
    }

    public Watermarks watermarks() {
        return watermarks;
    }
}
