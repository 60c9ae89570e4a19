package dev.fleetsim.guest;

import dev.fleetsim.host.GuestImage;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.Sizes;

/**
 * A VM as the fleet hands it to its guest: what it is, with which model, workload and seed, and when it lives.
 * Both fleet engines turn it into the host's admission through {@link #admission()}, so they run the same steps.
 */
public record GuestAssignment(long vmId, GuestSpec spec, ModelParameters model, Workload workload,
                              long arrivalNanos, long endNanos, long seed) implements GuestImage {

    @Override
    public HostSimulation.Admission admission() {
        GuestLife.Plan plan;
        try {
            plan = GuestLife.plan(spec, model, workload, endNanos - arrivalNanos, seed);
        } catch (GuestPanic e) {
            throw new GuestPanic("VM " + vmId + " (" + Sizes.format(spec.memoryBytes()) + ", " + spec.vcpus()
                    + " vCPUs) cannot boot: " + e.getMessage());
        }
        return new HostSimulation.Admission(vmId, spec.memoryBytes(), arrivalNanos, endNanos, plan.steps(),
                plan.drainStep(), plan.report());
    }
}
