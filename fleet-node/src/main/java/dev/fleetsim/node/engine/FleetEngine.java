package dev.fleetsim.node.engine;

import dev.fleetsim.node.study.StudyConfig;

/** Runs one scenario of a study. Every engine gives the same {@link ScenarioResult} for the same scenario. */
public interface FleetEngine {

    ScenarioResult run(StudyConfig scenario, Progress progress);

    /** Where this engine runs a run, as run.json names it ({@link FinishedRun#node()}). */
    default String node() {
        return FinishedRun.LOCAL;
    }

    /** Told after every window. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (reachedNanos, vmsEnded) -> { };

        void window(long reachedNanos, long vmsEnded);
    }
}
