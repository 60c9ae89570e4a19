package dev.fleetsim.node;

import dev.fleetsim.guest.calibration.BootCalibration;
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

/** {@code fleetsim validate}: the model's prediction for each measured set-up, against the measurement. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Predict each measured set-up (CSV, the calibration format) and print the error; a value may "
                + "be a point, a bound (<15, >90) or a range (40-50).")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "measurement file: id,kind,platform,memory,vcpus,policy,baseline,"
            + "host_mapping,value,source,assumptions[,workers][,settings]")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Measurement> measurements = Measurements.read(file);
        CalibrationModel model = new CalibrationModel(ModelConfig.reference());
        PrintWriter out = spec.commandLine().getOut();
        Measurements.printResiduals(out, BootCalibration.residuals(model, model.current(), measurements));
        out.flush();
        return 0;
    }
}
