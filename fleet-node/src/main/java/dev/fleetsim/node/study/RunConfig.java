package dev.fleetsim.node.study;

import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.EfiMemoryMap;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.Workload;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.Sizes;
import java.util.List;

/**
 * One run of a study (a scenario at a matrix point and replication), fully resolved: what a fleet engine needs
 * to run it. Built by {@link StudyLoader}.
 *
 * @param scenario       the run's unique name: the scenario's, with its matrix point and replication if any
 * @param compareTo      the run this one is measured against (same point and replication); empty if none
 * @param point          where in the study's matrix this run sits
 * @param renderedConfig the resolved HOCON of this scenario, as JSON, for the results
 */
public record RunConfig(String study, String scenario, long seed, int vms, long durationNanos, long windowNanos,
                          int sampleEvery, List<VmClass> vmClasses, ArrivalProcess arrival, Lifetimes lifetime,
                          Workload workload, Platform platform, AcceptancePolicy policy, ModelParameters model,
                          HostInventory hosts, PlacementPolicy placement, String compareTo, SweepPoint point,
                          String renderedConfig) {

    /** The firmware map VMs of class {@code vmClass} boot with, or null where they boot with the model's layout. */
    public EfiMemoryMap memoryMapOf(String vmClass) {
        for (VmClass c : vmClasses) {
            if (c.name().equals(vmClass)) {
                return c.memoryMap();
            }
        }
        return null;
    }

    public int windows() {
        return (int) Sizes.ceilDiv(durationNanos, windowNanos);
    }
}
