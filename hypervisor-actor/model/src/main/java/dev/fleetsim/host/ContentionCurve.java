package dev.fleetsim.host;

/**
 * How much slower one exit gets when many vCPUs exit on the same host at once.
 *
 * <p>Acceptance exits serialise on host resources (the KVM MMU lock, the TDX module's Secure-EPT locks, RMP
 * updates). Each exit takes {@code 1 + slope * (n - 1)} times its uncontended time while {@code n} vCPUs exit
 * concurrently, with {@code n} capped at {@code saturation} (beyond it the host is fully serialised and the queue,
 * not the exit, grows). Idle vCPUs of a TD exit too (HLT, timer ticks, wake-up IPIs), less often than an accepting
 * vCPU: each counts as {@code idleExitShare} of one.
 */
public record ContentionCurve(double slope, double saturation, double idleExitShare) {

    public static final ContentionCurve NONE = new ContentionCurve(0, 1, 0);

    public ContentionCurve {
        if (slope < 0 || Double.isNaN(slope)) {
            throw new IllegalArgumentException("contention slope must be >= 0, was " + slope);
        }
        if (!(saturation >= 1)) {
            throw new IllegalArgumentException("contention saturation must be >= 1, was " + saturation);
        }
        if (!(idleExitShare >= 0 && idleExitShare <= 1)) {
            throw new IllegalArgumentException("idle exit share must be within [0, 1], was " + idleExitShare);
        }
    }

    /** The slowdown of an exit while {@code exitingVcpus} accept and {@code idleVcpus} idle on the host. */
    public double slowdown(int exitingVcpus, int idleVcpus) {
        double n = Math.max(exitingVcpus, 1) + idleExitShare * idleVcpus;
        return 1 + slope * (Math.min(n, saturation) - 1);
    }
}
