package dev.fleetsim.node.study;

/** How the planner picks a host, and which memory figure it packs by. */
public record PlacementPolicy(Fit fit, Basis basis) {

    public enum Fit {
        /** The lowest-numbered host with room. */
        FIRST_FIT,
        /** The host with room that would have the least left. */
        BEST_FIT
    }

    public enum Basis {
        /** Configured guest memory: what eager acceptance would commit. */
        CONFIGURED,
        /**
         * Committed host memory with the host's overhead beside it (as of the window's start, plus VMs placed since
         * at their configured size).
         */
        COMMITTED
    }
}
