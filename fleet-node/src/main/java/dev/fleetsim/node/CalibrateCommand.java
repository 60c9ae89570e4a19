package dev.fleetsim.node;

import dev.fleetsim.guest.calibration.BootCalibration;
import dev.fleetsim.guest.calibration.FreeConstant;
import dev.fleetsim.guest.calibration.Measurement;
import dev.fleetsim.node.study.CalibrationModel;
import dev.fleetsim.node.study.ModelConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fleetsim calibrate}: fits the model's free constants jointly to a measurement file and shows each
 * constant with its bounds and each measurement's residual, plus the lines to put into reference.conf.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit the model's free constants jointly to measurements (CSV; default: the shipped "
                + "calibration set) and print fitted values, bounds and residuals.")
final class CalibrateCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", description = "measurement file (default: the bundled "
            + "config/calibration/calibration.csv)")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Measurement> measurements = Measurements.read(file);
        CalibrationModel model = new CalibrationModel(ModelConfig.reference());
        BootCalibration.Fit fit = BootCalibration.fit(model, model.current(), measurements);
        PrintWriter out = spec.commandLine().getOut();
        int width = fit.constants().stream().mapToInt(c -> c.key().length()).max().orElse(0);
        String row = "%-" + width + "s %12s %10s %10s  %s%s%n";
        out.printf(row, "constant", "fitted", "lower", "upper", "", "bounds, because");
        for (int i = 0; i < fit.constants().size(); i++) {
            FreeConstant c = fit.constants().get(i);
            out.printf(row, c.key(), c.format(fit.values()[i]), c.format(c.lower()),
                    c.format(c.upper()), fit.atBounds().contains(c.key()) ? "ON A BOUND; " : "", c.why());
        }
        out.println();
        Measurements.printResiduals(out, fit.residuals());
        out.printf("%nmax |error| %.1f%% over %d measurements (%d evaluations)%n",
                100 * fit.maxAbsRelativeError(), measurements.size(), fit.evaluations());
        out.flush();
        return 0;
    }
}
