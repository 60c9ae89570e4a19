package dev.fleetsim.node.engine;

import dev.fleetsim.node.study.RunConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An engine that can hand whole runs to other workers, many at once, each run on one of them. */
public interface WholeRuns {

    /** Starts every run; the i-th future completes with the i-th run's result, or its failure. */
    List<CompletableFuture<FinishedRun>> submit(List<RunConfig> runs);
}
