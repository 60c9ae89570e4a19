package dev.fleetsim.node;

import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.calibration.BootCalibration;
import dev.fleetsim.guest.calibration.MeasurementFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetsim calibrate}: fits the free cost parameters to a measurement file and shows the residuals. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit kernel fixed time, contention slope and TDX exit cost to measurements (CSV).")
final class CalibrateCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = "config/calibration/seed.csv",
            description = "measurement file (default ${DEFAULT-VALUE})")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        BootCalibration.Fit fit = BootCalibration.fit(ModelParameters.defaults(), MeasurementFile.read(file));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("kernel fixed time  %.6f s%n", fit.parameters().kernelFixedSeconds());
        out.printf("contention slope   %.6f per extra exiting vCPU%n", fit.parameters().contentionSlope());
        out.printf("TDX exit           %.4f us%n", fit.parameters().tdxExitMicros());
        out.printf("on a bound         %s%n", fit.atBounds().isEmpty() ? "none" : String.join(", ", fit.atBounds()));
        out.printf("%n%-24s %12s %12s %9s%n", "measurement", "measured", "predicted", "error");
        for (BootCalibration.Residual r : fit.residuals()) {
            out.printf("%-24s %12.4f %12.4f %8.3f%%%n", r.measurement().id(), r.measurement().value(), r.predicted(),
                    100 * r.relativeError());
        }
        out.flush();
        return 0;
    }
}
