package dev.fleetsim.node.trace;

/**
 * One VM as a trace file gives it, times in trace seconds.
 *
 * @param where          the file and line (or row) it came from, for messages
 * @param group          its subscription or tenant, as a number, for sampling
 * @param createdSeconds when it was created; before the trace's start for VMs alive then
 * @param deletedSeconds when it was deleted; {@link Double#POSITIVE_INFINITY} if the trace does not know
 * @param memoryBytes    its guest memory, a size the guest model takes
 * @param vcpus          its vCPUs
 */
record TraceRow(String where, long group, double createdSeconds, double deletedSeconds, long memoryBytes,
                int vcpus) {
}
