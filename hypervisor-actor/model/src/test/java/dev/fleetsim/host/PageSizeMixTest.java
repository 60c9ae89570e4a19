package dev.fleetsim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PageSizeMixTest {

    private static final long K = 1024, M = K * K, G = M * K;

    @Test
    void alignedGigabyteIsOneGiganticAttempt() {
        assertEquals(new PageSizeMix(1, 0, 0), PageSizeMix.greedy(G, 2 * G));
    }

    @Test
    void unalignedEdgesAreBasePagesAndTheMiddleHuge() {
        // [4K, 2M) is 511 base pages, [2M, 6M) two huge pages, [6M, 6M+8K) two base pages.
        assertEquals(new PageSizeMix(0, 2, 513), PageSizeMix.greedy(4 * K, 6 * M + 8 * K));
    }

    @Test
    void hugePagesLeadUpToGigabyteAlignmentThenGigantic() {
        // [1G-4M, 3G+2M): 2 huge to reach 1G, 2 gigantic, 1 huge tail.
        assertEquals(new PageSizeMix(2, 3, 0), PageSizeMix.greedy(G - 4 * M, 3 * G + 2 * M));
    }

    @Test
    void largestCapsTheAttemptSize() {
        assertEquals(new PageSizeMix(0, 1024, 0), PageSizeMix.greedy(0, 2 * G, PageSize.SIZE_2M));
        assertEquals(new PageSizeMix(0, 0, 1024), PageSizeMix.greedy(0, 4 * M, PageSize.SIZE_4K));
    }

    @Test
    void bytesAddUpToTheRange() {
        long start = 3 * G + 12 * K, end = 70 * G + 6 * M + 4 * K;
        assertEquals(end - start, PageSizeMix.greedy(start, end).bytes());
    }

    @Test
    void unalignedRangeIsRejectedWithItsBounds() {
        var e = assertThrows(IllegalArgumentException.class, () -> PageSizeMix.greedy(100, 4096));
        assertEquals("range [0x64, 0x1000) is not 4K-aligned", e.getMessage());
    }
}
