package dev.fleetsim.host;

/**
 * A host's memory and how far placement may overcommit it.
 *
 * @param memoryBytes     physical memory available to guests
 * @param overcommitRatio configured guest memory may reach {@code memoryBytes * overcommitRatio}
 */
public record HostCapacity(long memoryBytes, int cores, double overcommitRatio, OvercommitPolicy policy) {

    public HostCapacity {
        if (memoryBytes <= 0 || cores <= 0) {
            throw new IllegalArgumentException("host memory and cores must be > 0");
        }
        if (overcommitRatio < 1.0) {
            throw new IllegalArgumentException("overcommit ratio must be >= 1.0, was " + overcommitRatio);
        }
    }

    /** The configured guest memory placement may put on this host. */
    public long placeableBytes() {
        return (long) (memoryBytes * overcommitRatio);
    }
}
