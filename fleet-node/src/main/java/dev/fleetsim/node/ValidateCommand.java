package dev.fleetsim.node;

import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.calibration.BootCalibration;
import dev.fleetsim.guest.calibration.Measurement;
import dev.fleetsim.guest.calibration.MeasurementFile;
import dev.fleetsim.host.Sizes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetsim validate}: the model's prediction for each measured set-up, against the measurement. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Predict each measured set-up (CSV, the calibration format) and print the error.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "measurement file: id,kind,platform,memory,vcpus,policy,baseline,"
            + "host_mapping,value,source,assumptions[,workers]")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Measurement> measurements = MeasurementFile.read(file);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-24s %-20s %-28s %12s %12s %9s%n", "measurement", "kind", "set-up", "measured", "predicted",
                "error");
        for (Measurement m : measurements) {
            double predicted = BootCalibration.predict(ModelParameters.defaults(), m);
            out.printf("%-24s %-20s %-28s %12.4f %12s %8s%n", m.id(), m.kind().csvName(), setup(m), m.value(),
                    Double.isInfinite(predicted) ? "never" : String.format("%.4f", predicted),
                    Double.isInfinite(predicted) ? "-" : String.format("%.1f%%", 100 * (predicted / m.value() - 1)));
        }
        out.flush();
        return 0;
    }

    private static String setup(Measurement m) {
        if (m.guest() == null) {
            return "host " + m.hostMapping();
        }
        return String.format("%s %s %dvCPU %s%s", m.guest().platform(), Sizes.format(m.guest().memoryBytes()),
                m.guest().vcpus(), m.guest().policy().configName(), m.workers() > 0 ? " w" + m.workers() : "");
    }
}
