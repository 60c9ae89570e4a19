package dev.fleetsim.host;

import static dev.fleetsim.host.PageSize.SIZE_1G;
import static dev.fleetsim.host.PageSize.SIZE_2M;
import static dev.fleetsim.host.PageSize.SIZE_4K;
import static dev.fleetsim.host.Sizes.roundDown;
import static dev.fleetsim.host.Sizes.roundUp;

/**
 * How many accept attempts a guest makes at each page size for some memory.
 *
 * <p>Linux's TDX guest ({@code arch/x86/coco/tdx/tdx-shared.c: try_accept_one}) and the SNP guest's Page State
 * Change builder both walk a range greedily: the largest size whose alignment and remaining length allow it. The
 * count is computed from the range's edges in O(1); nothing iterates per page.
 */
public record PageSizeMix(long gigantic, long huge, long base) {

    public PageSizeMix {
        if (gigantic < 0 || huge < 0 || base < 0) {
            throw new IllegalArgumentException("negative page count: " + gigantic + "/" + huge + "/" + base);
        }
    }

    /** The greedy split of {@code [start, end)}, trying 1G, then 2M, then 4K at each position. */
    public static PageSizeMix greedy(long start, long end) {
        return greedy(start, end, SIZE_1G);
    }

    /** The greedy split of {@code [start, end)} with attempts no larger than {@code largest}. */
    public static PageSizeMix greedy(long start, long end, PageSize largest) {
        requireRange(start, end);
        long hugeStart = Math.min(end, roundUp(start, SIZE_2M.bytes()));
        long hugeEnd = Math.max(hugeStart, roundDown(end, SIZE_2M.bytes()));
        long base = (hugeStart - start + end - hugeEnd) / SIZE_4K.bytes();
        if (largest == SIZE_4K) {
            return new PageSizeMix(0, 0, (end - start) / SIZE_4K.bytes());
        }
        long gigStart = Math.min(hugeEnd, roundUp(hugeStart, SIZE_1G.bytes()));
        long gigEnd = Math.max(gigStart, roundDown(hugeEnd, SIZE_1G.bytes()));
        long gigantic = largest == SIZE_1G ? (gigEnd - gigStart) / SIZE_1G.bytes() : 0;
        long huge = (hugeEnd - hugeStart) / SIZE_2M.bytes() - gigantic * SIZE_1G.splitFactor();
        return new PageSizeMix(gigantic, huge, base);
    }

    public long bytes() {
        return gigantic * SIZE_1G.bytes() + huge * SIZE_2M.bytes() + base * SIZE_4K.bytes();
    }

    public long basePages() {
        return bytes() / SIZE_4K.bytes();
    }

    private static void requireRange(long start, long end) {
        if (start < 0 || end < start || start % SIZE_4K.bytes() != 0 || end % SIZE_4K.bytes() != 0) {
            throw new IllegalArgumentException(
                    "range [0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ") is not 4K-aligned");
        }
    }
}
