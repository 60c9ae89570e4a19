package dev.fleetsim.node.engine;

import dev.fleetsim.node.study.RunConfig;

/** Runs one scenario of a study. Every engine gives the same {@link ScenarioResult} for the same scenario. */
public interface FleetEngine {

    ScenarioResult run(RunConfig scenario, Progress progress);

    /** Where this engine runs a run, as run.json names it ({@link FinishedRun#node()}). */
    default String node() {
        return FinishedRun.LOCAL;
    }

    /**
     * Told after every window: the virtual time reached, the VMs that have arrived (placed or refused; the guest
     * model runs as a VM is placed, so most of a run's work goes with them) and the VMs whose life has ended.
     */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (reachedNanos, vmsArrived, vmsEnded) -> { };

        void window(long reachedNanos, long vmsArrived, long vmsEnded);
    }
}
