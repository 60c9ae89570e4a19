package dev.fleetsim.host;

/**
 * What a host needs to start: its guests' platform, the cost parameters, its capacity and the sizes of what it
 * keeps beside guest memory.
 */
public record HostSetup(Platform platform, CostParameters costs, HostCapacity capacity,
                        HostOverheadSettings overhead) {

    public HostSimulation simulation(long hostId) {
        return new HostSimulation(hostId, new Hypervisor(costs.costModel(platform), costs.contention(), capacity,
                overheadModel()));
    }

    /** The overhead model of this host: TDX's S-EPT follows the host's private mapping level. */
    public HostOverheadModel overheadModel() {
        return new HostOverheadModel(overhead, platform, costs.tdx().hostMapping(), capacity.memoryBytes());
    }
}
