package dev.fleetsim.node.fleet;

/** One VM of the fleet before placement: its size, when it arrives, how long it may live, its own seed. */
public record VmPlan(long vmId, String vmClass, long memoryBytes, int vcpus, long arrivalNanos, long lifetimeNanos,
                     long seed) {
}
