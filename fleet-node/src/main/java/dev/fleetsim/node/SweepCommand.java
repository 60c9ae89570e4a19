package dev.fleetsim.node;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetsim sweep}: runs a study's matrix (every scenario at every point, every replication) several runs at
 * a time on the sequential engine, or one at a time on a cluster, resuming a result folder that holds finished runs.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a study's matrix of scenarios x axes x replications, several runs at once, resuming "
                + "an interrupted sweep in the same --out folder; writes combined results and report.html.")
final class SweepCommand implements Callable<Integer> {

    @Mixin
    StudyOptions options;

    @Option(names = "--parallel", description = "runs at once on the sequential engine (default: one per core); "
            + "the actor engine runs one at a time and spreads each over its cluster")
    Integer parallel;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EngineHandle.Kind engine = options.cluster != null ? EngineHandle.Kind.actors
                : options.engineOr(EngineHandle.Kind.sequential);
        int cores = Runtime.getRuntime().availableProcessors();
        int runsAtOnce = parallel != null ? parallel : engine == EngineHandle.Kind.sequential ? cores : 1;
        if (runsAtOnce < 1 || (runsAtOnce > 1 && engine == EngineHandle.Kind.actors)) {
            throw new IllegalArgumentException("--parallel must be >= 1, and 1 with the actor engine, was "
                    + runsAtOnce);
        }
        return StudyCommands.execute(spec, options, engine, runsAtOnce);
    }
}
