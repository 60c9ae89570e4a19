package dev.fleetsim.host;

/** What a host needs to start: its guests' platform, the cost parameters and its capacity. */
public record HostSetup(Platform platform, CostParameters costs, HostCapacity capacity) {

    public HostSimulation simulation(long hostId) {
        return new HostSimulation(hostId, new Hypervisor(costs.costModel(platform), costs.contention(), capacity));
    }
}
