package dev.fleetsim.guest.calibration;

import static dev.fleetsim.host.Sizes.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootCalibrationTest {

    static final Path SEED_FILE = Path.of("..", "config", "calibration", "seed.csv");

    private static Measurement bootSeconds(ModelParameters truth, long memory, int vcpus, AcceptancePolicy policy) {
        GuestSpec guest = new GuestSpec(memory, vcpus, Platform.TDX, policy);
        Measurement probe = new Measurement("probe", MeasurementKind.BOOT_SECONDS, guest, null, PageSize.SIZE_4K, 1,
                "synthetic", "", 0);
        return new Measurement("synthetic-" + memory / GIB + "g-" + policy.configName(), MeasurementKind.BOOT_SECONDS,
                guest, null, PageSize.SIZE_4K, BootCalibration.predict(truth, probe), "synthetic", "", 0);
    }

    @Test
    void shippedDefaultsReproduceTheSeedHeadline() throws Exception {
        for (Measurement m : MeasurementFile.read(SEED_FILE)) {
            double predicted = BootCalibration.predict(ModelParameters.defaults(), m);
            assertEquals(m.value(), predicted, m.value() * 0.10, m.id());
        }
    }

    @Test
    void refittingTheCommittedFileGivesTheShippedDefaults() throws Exception {
        BootCalibration.Fit fit = BootCalibration.fit(ModelParameters.defaults(), MeasurementFile.read(SEED_FILE));
        FreeParameters shipped = FreeParameters.of(ModelParameters.defaults());
        assertEquals(shipped.kernelFixedSeconds(), fit.parameters().kernelFixedSeconds(), 0.001);
        assertEquals(shipped.contentionSlope(), fit.parameters().contentionSlope(), 0.001);
        assertEquals(shipped.tdxExitMicros(), fit.parameters().tdxExitMicros(), 0.001);
        assertTrue(fit.maxAbsRelativeError() < 1e-4, "residual " + fit.maxAbsRelativeError());
        assertEquals(List.of(), fit.atBounds());
    }

    @Test
    void refitOnSyntheticDataRecoversKnownParameters() {
        FreeParameters known = new FreeParameters(1.2, 0.08, 5.5);
        ModelParameters truth = known.applyTo(ModelParameters.defaults());
        List<Measurement> data = new ArrayList<>();
        data.add(bootSeconds(truth, 4 * GIB, 1, new AcceptancePolicy.Lazy()));
        data.add(bootSeconds(truth, 32 * GIB, 8, new AcceptancePolicy.Lazy()));
        data.add(bootSeconds(truth, 16 * GIB, 4, new AcceptancePolicy.EagerFirmware()));
        data.add(bootSeconds(truth, 64 * GIB, 16, new AcceptancePolicy.EagerFirmware()));
        data.add(new Measurement("fault", MeasurementKind.ACCEPT_4K_MICROS, null, null, PageSize.SIZE_4K,
                5.5 + 0.5 + 0.4, "synthetic", "", 0));
        FreeParameters fitted = BootCalibration.fit(ModelParameters.defaults(), data).parameters();
        assertEquals(known.kernelFixedSeconds(), fitted.kernelFixedSeconds(), 0.01 * known.kernelFixedSeconds());
        assertEquals(known.contentionSlope(), fitted.contentionSlope(), 0.01 * known.contentionSlope());
        assertEquals(known.tdxExitMicros(), fitted.tdxExitMicros(), 0.01 * known.tdxExitMicros());
    }

    @Test
    void parameterThatWantsToLeaveItsBoundsIsReportedThere() {
        GuestSpec guest = new GuestSpec(4 * GIB, 1, Platform.TDX, new AcceptancePolicy.Lazy());
        Measurement impossiblyFast = new Measurement("fast", MeasurementKind.BOOT_SECONDS, guest, null,
                PageSize.SIZE_4K, 0.001, "synthetic", "", 0);
        BootCalibration.Fit fit = BootCalibration.fit(ModelParameters.defaults(), List.of(impossiblyFast));
        assertTrue(fit.atBounds().contains("kernel fixed time (s)"), fit.atBounds().toString());
        assertTrue(fit.maxAbsRelativeError() > 1, "cannot fit a 1 ms boot");
    }
}
