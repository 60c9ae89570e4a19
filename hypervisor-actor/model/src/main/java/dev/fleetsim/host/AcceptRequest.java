package dev.fleetsim.host;

/**
 * A guest asks its host to accept guest-physical memory {@code [start, end)}, in one accept call that walks the
 * range greedily with pages no larger than {@code largest} (what the guest's accept path allows), or, by its
 * {@link AcceptPath}, to convert or set up that memory.
 *
 * @param vcpus          how many of the guest's vCPUs accept in parallel (firmware APs, memory-hog workers); the
 *                       work is shared among them and each of them exits to the host
 * @param idleVcpus      the TD's other vCPUs that are online and idle meanwhile: each idle HLT, timer tick and
 *                       wake-up IPI is an exit too, so they add to the host's contention
 * @param spinningVcpus  vCPUs spinning in guest mode (APs waiting in the firmware's wake-up loop before SMP
 *                       bring-up): a conversion's TLB flush must force each of them out of the guest
 * @param stretchPermille how much longer than its CPU time the request takes because a competing guest thread
 *                       (reclaim) shares the accepting vCPUs, in thousandths (1000: none)
 */
public record AcceptRequest(long start, long end, PageSize largest, AcceptPath path, int vcpus, int idleVcpus,
                            int spinningVcpus, int stretchPermille) {

    /** No competing guest thread. */
    public static final int NO_STRETCH = 1000;

    public AcceptRequest {
        if (end <= start) {
            throw new IllegalArgumentException("accept request [0x" + Long.toHexString(start) + ", 0x"
                    + Long.toHexString(end) + ") is empty");
        }
        if (vcpus < 1 || idleVcpus < 0 || spinningVcpus < 0) {
            throw new IllegalArgumentException("vcpus must be >= 1 and idle/spinning vCPUs >= 0, were " + vcpus
                    + "/" + idleVcpus + "/" + spinningVcpus);
        }
        if (stretchPermille < NO_STRETCH) {
            throw new IllegalArgumentException("stretch must be >= 1000 per mille, was " + stretchPermille);
        }
    }

    /** A request of a guest whose other vCPUs are all offline. */
    public AcceptRequest(long start, long end, PageSize largest, AcceptPath path, int vcpus) {
        this(start, end, largest, path, vcpus, 0, 0, NO_STRETCH);
    }

    /** One guest accept call over the range that may use every page size. */
    public static AcceptRequest of(long start, long end, AcceptPath path, int vcpus) {
        return new AcceptRequest(start, end, PageSize.SIZE_1G, path, vcpus);
    }

    /** The page sizes the guest tries, split greedily as Linux does; computed, not stored (see GuestSteps). */
    public PageSizeMix attempts() {
        return PageSizeMix.greedy(start, end, largest);
    }

    public long bytes() {
        return end - start;
    }

    /** 4 KiB pages in the range. */
    public long pages() {
        return bytes() / PageSize.SIZE_4K.bytes();
    }
}
