package dev.fleetsim.host;

/**
 * A guest asks its host to accept guest-physical memory {@code [start, end)}.
 *
 * @param attempts the page sizes the guest will try, summed over all its accept calls for this request
 * @param vcpus    how many of the guest's vCPUs accept in parallel (firmware APs, memory-hog workers); the work is
 *                 shared among them and each of them exits to the host
 */
public record AcceptRequest(long start, long end, PageSizeMix attempts, AcceptPath path, int vcpus) {

    public AcceptRequest {
        if (end <= start || attempts.bytes() != end - start) {
            throw new IllegalArgumentException("accept request [0x" + Long.toHexString(start) + ", 0x"
                    + Long.toHexString(end) + ") does not match its attempts " + attempts);
        }
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be >= 1, was " + vcpus);
        }
    }

    /** One guest accept call over the range, split greedily as Linux does. */
    public static AcceptRequest of(long start, long end, AcceptPath path, int vcpus) {
        return new AcceptRequest(start, end, PageSizeMix.greedy(start, end), path, vcpus);
    }

    public long bytes() {
        return end - start;
    }
}
