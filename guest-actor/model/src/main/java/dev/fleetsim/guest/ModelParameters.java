package dev.fleetsim.guest;

import dev.fleetsim.host.CostParameters;
import dev.fleetsim.host.GuestTimeline;
import dev.fleetsim.host.HostCapacity;
import dev.fleetsim.host.HostOverheadSettings;
import dev.fleetsim.host.HostSetup;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.Hypervisor;
import dev.fleetsim.host.OvercommitPolicy;

/** Everything that prices a guest's life: the host's costs, the guest kernel's sizes and its own CPU time. */
public record ModelParameters(CostParameters host, GuestParameters guest, GuestCpuCosts cpu) {

    public static ModelParameters defaults() {
        return new ModelParameters(CostParameters.defaults(), GuestParameters.defaults(), GuestCpuCosts.defaults());
    }

    public ModelParameters withHost(CostParameters next) {
        return new ModelParameters(next, guest, cpu);
    }

    public ModelParameters withGuest(GuestParameters next) {
        return new ModelParameters(host, next, cpu);
    }

    /** The same model on a host that maps private memory at {@code mapping}. */
    public ModelParameters withHostMapping(dev.fleetsim.host.PageSize mapping) {
        return withHost(host.withHostMapping(mapping));
    }

    public ModelParameters withCpu(GuestCpuCosts next) {
        return new ModelParameters(host, guest, next);
    }

    /**
     * Lives {@code spec}'s whole life with {@code workload} alone on a host of its own, for {@code lifetimeNanos}
     * from its arrival, and returns the outcome.
     */
    public HostSimulation.Outcome liveAlone(GuestSpec spec, Workload workload, long lifetimeNanos, long seed) {
        HostSimulation host = new HostSetup(spec.platform(), this.host,
                new HostCapacity(spec.memoryBytes(), spec.vcpus(), 1.0, OvercommitPolicy.COUNT_PRESSURE),
                HostOverheadSettings.defaults()).simulation(0);
        host.admit(new GuestAssignment(0, spec, this, workload, 0, lifetimeNanos, seed).admission());
        return host.advanceTo(Long.MAX_VALUE).get(0);
    }

    /** Boots {@code spec} alone on a host of its own and returns its priced timeline up to the shell. */
    public GuestTimeline bootAlone(GuestSpec spec, long seed) {
        Guest guest = Guest.boot(spec, this.guest, cpu, seed);
        HostSetup alone = new HostSetup(spec.platform(), host,
                new HostCapacity(spec.memoryBytes(), spec.vcpus(), 1.0, OvercommitPolicy.COUNT_PRESSURE),
                HostOverheadSettings.defaults());
        Hypervisor hypervisor = new Hypervisor(host.costModel(spec.platform()), host.contention(), alone.capacity(),
                alone.overheadModel());
        hypervisor.ledger().place(0, spec.memoryBytes(), 0);
        GuestTimeline timeline = new GuestTimeline(0, 0);
        timeline.advance(guest.steps(), hypervisor);
        return timeline;
    }
}
