package dev.fleetsim.node.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.calibration.BootCalibration;
import dev.fleetsim.guest.calibration.FreeConstant;
import dev.fleetsim.guest.calibration.Measurement;
import dev.fleetsim.guest.calibration.MeasurementFile;
import dev.fleetsim.guest.calibration.MeasurementKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped constants are the joint fit on the calibration set, and the fit holds on every row. */
class CalibrationTest {

    static final Path CALIBRATION = Path.of("..", "config", "calibration", "calibration.csv");
    /** The bar for a calibration row, and for the seed headline. */
    static final double ROW_BOUND = 0.15;
    static final double SEED_BOUND = 0.10;
    /**
     * How much better than the shipped constants a refit may do: the objective is flat along some directions
     * (a faster exit traded for more guest work per page), so the test asks for the fit's optimum, not for
     * constants equal to digits the data cannot tell apart.
     */
    static final double REFIT_GAIN = 0.01;

    private static List<Measurement> measurements() throws Exception {
        return MeasurementFile.read(CALIBRATION);
    }

    @Test
    void refittingTheCalibrationSetGivesTheShippedConstants() throws Exception {
        CalibrationModel model = new CalibrationModel(ModelConfig.reference());
        double[] shipped = model.current();
        BootCalibration.Fit fit = BootCalibration.fit(model, shipped, measurements());
        double shippedCost = cost(BootCalibration.residuals(model, shipped, measurements()));
        double refitCost = cost(fit.residuals());
        assertTrue(refitCost >= shippedCost * (1 - REFIT_GAIN), "a refit lowers the objective from " + shippedCost
                + " to " + refitCost + ": ship " + java.util.Arrays.toString(fit.values()));
        for (int i = 0; i < shipped.length; i++) {
            FreeConstant c = fit.constants().get(i);
            assertEquals(shipped[i], fit.values()[i], Math.max(0.05 * Math.abs(shipped[i]), 1e-3), c.key());
        }
    }

    /** The fit's objective: the sum of squared errors against each reading. */
    private static double cost(List<BootCalibration.Residual> residuals) {
        return residuals.stream().mapToDouble(r -> r.errorAgainstReading() * r.errorAgainstReading()).sum();
    }

    @Test
    void everyCalibrationRowAndTheSeedHeadlineHoldWithTheShippedConstants() throws Exception {
        CalibrationModel model = new CalibrationModel(ModelConfig.reference());
        List<BootCalibration.Residual> residuals = BootCalibration.residuals(model, model.current(), measurements());
        assertEquals(15, residuals.size());
        for (BootCalibration.Residual r : residuals) {
            double error = Math.abs(r.relativeError());
            String id = r.measurement().id();
            boolean seed = r.measurement().kind() == MeasurementKind.BOOT_RATIO;
            assertTrue(error <= (seed ? SEED_BOUND : ROW_BOUND), id + ": " + error);
        }
    }

    @Test
    void referenceConfAndTheModelsJavaDefaultsAgree() {
        assertEquals(ModelParameters.defaults(), ModelConfig.defaults("reference.conf",
                com.typesafe.config.ConfigFactory.empty()));
    }

    @Test
    void aSettingMustNameAKeyTheStudyKnows() throws Exception {
        Measurement m = measurements().get(0);
        Measurement typo = new Measurement(m.id(), m.kind(), m.guest(), m.baseline(), m.hostMapping(), m.target(),
                m.source(), m.assumptions(), m.workers(), "guest.zero-watermark-fixx = on");
        var e = org.junit.jupiter.api.Assertions.assertThrows(StudyException.class,
                () -> new CalibrationModel(ModelConfig.reference()).setUp(typo));
        assertTrue(e.getMessage().contains("unknown key 'guest.zero-watermark-fixx'"), e.getMessage());
    }
}
