package dev.fleetsim.host;

/**
 * How much slower one exit gets when many vCPUs exit on the same host at once.
 *
 * <p>Acceptance exits serialise on host resources (the KVM MMU lock, the TDX module's Secure-EPT locks, RMP
 * updates). Public material gives no curve, so this is a documented assumption: each exit takes
 * {@code 1 + slope * (n - 1)} times its uncontended time while {@code n} vCPUs exit concurrently, with {@code n}
 * capped at {@code saturation} (beyond it the host is fully serialised and the queue, not the exit, grows).
 */
public record ContentionCurve(double slope, int saturation) {

    public static final ContentionCurve NONE = new ContentionCurve(0, 1);

    public ContentionCurve {
        if (slope < 0 || Double.isNaN(slope)) {
            throw new IllegalArgumentException("contention slope must be >= 0, was " + slope);
        }
        if (saturation < 1) {
            throw new IllegalArgumentException("contention saturation must be >= 1, was " + saturation);
        }
    }

    public double slowdown(int concurrentVcpus) {
        return 1 + slope * (Math.min(Math.max(concurrentVcpus, 1), saturation) - 1);
    }
}
