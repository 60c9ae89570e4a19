package dev.fleetsim.node;

import dev.fleetsim.node.study.TraceFormat;
import dev.fleetsim.node.trace.SyntheticTrace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleetsim trace}: traces in the published formats. */
@Command(name = "trace", mixinStandardHelpOptions = true, description = "Traces in published formats.",
        subcommands = TraceCommand.Synth.class)
final class TraceCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code fleetsim trace synth}: a synthetic trace in a real schema with the published mix. */
    @Command(name = "synth", mixinStandardHelpOptions = true, description = "Write a synthetic trace in a "
            + "published schema: the Azure 2019 size mix and lifetimes (docs/TRACES.md).")
    static final class Synth implements Callable<Integer> {

        @Option(names = "--format", defaultValue = "azure-vmtable",
                description = "azure-vmtable (csv, .gz if --out ends so) or azure-packing-2020 (SQLite)")
        String format;

        @Option(names = "--vms", defaultValue = "100000", description = "VMs (default ${DEFAULT-VALUE})")
        int vms;

        @Option(names = "--days", defaultValue = "30", description = "days they arrive over (default "
                + "${DEFAULT-VALUE})")
        double days;

        @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--out", required = true, description = "file to write")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SyntheticTrace trace = new SyntheticTrace(vms, days, seed);
            if (format.equals(TraceFormat.AZURE_VMTABLE.key())) {
                trace.writeVmTable(out);
            } else if (format.equals(TraceFormat.AZURE_PACKING_2020.key())) {
                trace.writePackingTrace(out);
            } else {
                throw new dev.fleetsim.host.BadInputException("--format '" + format + "': allowed "
                        + TraceFormat.AZURE_VMTABLE.key() + ", " + TraceFormat.AZURE_PACKING_2020.key());
            }
            spec.commandLine().getOut().println("written: " + out + " (" + vms + " VMs over " + days + " days)");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
