package dev.fleetsim.host;

/**
 * A guest asks its host to accept guest-physical memory {@code [start, end)}, in one accept call that walks the
 * range greedily with pages no larger than {@code largest} (what the guest's accept path allows).
 *
 * @param vcpus how many of the guest's vCPUs accept in parallel (firmware APs, memory-hog workers); the work is
 *              shared among them and each of them exits to the host
 */
public record AcceptRequest(long start, long end, PageSize largest, AcceptPath path, int vcpus) {

    public AcceptRequest {
        if (end <= start) {
            throw new IllegalArgumentException("accept request [0x" + Long.toHexString(start) + ", 0x"
                    + Long.toHexString(end) + ") is empty");
        }
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be >= 1, was " + vcpus);
        }
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
}
