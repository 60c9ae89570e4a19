package dev.fleetsim.node.study;

/**
 * How a published trace becomes a fleet: what a row cannot say comes from here.
 *
 * @param startSeconds       the trace time the study's time 0 is; the study runs its duration from there
 * @param timeScale          simulated seconds per trace second, for arrival times and lifetimes alike
 * @param sampleOneIn        keep the VMs of one in this many subscriptions (vmtable) or tenants (packing)
 * @param sampleSeed         the seed of that choice, hashed with the subscription or tenant
 * @param bootAliveAtStart   whether VMs created before the start (and not yet gone) boot at time 0 or are left out
 * @param openVcpus          the vCPUs of a VM in an open core bucket ({@code >24})
 * @param openMemoryBytes    the memory of a VM in an open memory bucket ({@code >64})
 * @param machineId          the packing trace's machine whose fractions are read; -1: each VM type's lowest id
 * @param machineCores       the cores of that machine: a VM's vCPUs are its core fraction of these
 * @param machineMemoryBytes the memory of that machine: a VM's memory is its memory fraction of this
 */
public record TraceReading(double startSeconds, double timeScale, int sampleOneIn, long sampleSeed,
                           boolean bootAliveAtStart, int openVcpus, long openMemoryBytes, long machineId,
                           int machineCores, long machineMemoryBytes) {
}
