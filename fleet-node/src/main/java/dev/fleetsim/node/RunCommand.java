package dev.fleetsim.node;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code fleetsim run}: runs every scenario of a study, one after another, and writes the results and report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a fleet study (default: the built-in study of 10,000 VMs, eager vs lazy), its runs one "
                + "after another, on the actor engine unless --engine says otherwise.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    StudyOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return StudyCommands.execute(spec, options, options.engineOr(EngineHandle.Kind.actors), 1, 0);
    }
}
