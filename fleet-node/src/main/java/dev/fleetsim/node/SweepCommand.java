package dev.fleetsim.node;

import dev.fleetsim.host.BadInputException;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetsim sweep}: runs a study's matrix (every scenario at every point, every replication) several runs at
 * a time, resuming a result folder that holds finished runs: on the sequential engine in threads of this JVM, on
 * the actor engine as whole runs handed to the slots of the cluster's nodes (bigger runs spread over its racks).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a study's matrix of scenarios x axes x replications, several runs at once, resuming "
                + "an interrupted sweep in the same --out folder; writes combined results and report.html.")
final class SweepCommand implements Callable<Integer> {

    @Mixin
    StudyOptions options;

    @Option(names = "--parallel", description = "runs at once in this JVM (default: one per core): threads of the "
            + "sequential engine, or the embedded node's slots with --engine actors; with --cluster the nodes' "
            + "--slots decide")
    Integer parallel;

    @Option(names = "--split-above-vms", paramLabel = "N", description = "with the actor engine, a run of more "
            + "VMs than this is spread over every node's racks instead of going whole to one slot (default: "
            + "fleetsim.sweep.split-above-vms in application.conf)")
    Integer splitAboveVms;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EngineHandle.Kind engine = options.cluster != null ? EngineHandle.Kind.actors
                : options.engineOr(EngineHandle.Kind.sequential);
        if (parallel != null && (parallel < 1 || options.cluster != null)) {
            throw new BadInputException("--parallel must be >= 1, and is not for --cluster (the nodes' "
                    + "--slots decide), was " + parallel);
        }
        int splitAbove = splitAboveVms != null ? splitAboveVms
                : ConfigFactory.load().getInt("fleetsim.sweep.split-above-vms");
        if (splitAbove < 1) {
            throw new BadInputException("--split-above-vms must be >= 1, was " + splitAbove);
        }
        int runsAtOnce = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        return StudyCommands.execute(spec, options, engine, runsAtOnce,
                engine == EngineHandle.Kind.actors ? splitAbove : 0);
    }
}
