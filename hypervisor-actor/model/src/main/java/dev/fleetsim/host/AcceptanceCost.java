package dev.fleetsim.host;

/**
 * What accepting some memory costs.
 *
 * @param cpuNanos       guest vCPU time spent, summed over the vCPUs that did the work
 * @param exits          guest exits to the host (EPT violations on TDX, GHCB Page State Change calls on SNP)
 * @param committedBytes host memory the acceptance made the host commit
 */
public record AcceptanceCost(long cpuNanos, long exits, long committedBytes) {

    public static final AcceptanceCost FREE = new AcceptanceCost(0, 0, 0);

    public AcceptanceCost plus(AcceptanceCost other) {
        return new AcceptanceCost(cpuNanos + other.cpuNanos, exits + other.exits,
                committedBytes + other.committedBytes);
    }
}
