package dev.fleetsim.node.engine;

/**
 * A run's result with where it ran and how long it took there: facts about the execution, not the simulation, so
 * they differ between two sweeps that otherwise write the same files.
 *
 * @param node      the {@code host:port} of the cluster node that ran it whole, {@value #LOCAL} for this process,
 *                  {@value #CLUSTER} for a run spread over all nodes' racks
 * @param wallNanos wall-clock time the run took where it ran
 */
public record FinishedRun(ScenarioResult result, String node, long wallNanos) {

    public static final String LOCAL = "local";
    public static final String CLUSTER = "cluster";
}
