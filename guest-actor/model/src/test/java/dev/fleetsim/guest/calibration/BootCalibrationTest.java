package dev.fleetsim.guest.calibration;

import static dev.fleetsim.host.Sizes.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.GuestCpuCosts;
import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.host.CostParameters;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.Platform;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit itself, on synthetic data from a known model (the shipped fit is re-derived in fleet-node). */
class BootCalibrationTest {

    /** Kernel fixed time (s) and TDX exit (us) free, everything else the defaults. */
    private static final BootCalibration.Parameterisation TWO_CONSTANTS = new BootCalibration.Parameterisation() {
        @Override
        public List<FreeConstant> constants() {
            return List.of(new FreeConstant("kernel-fixed", "s", 0.05, 60, "test"),
                    new FreeConstant("tdx-exit", "us", 1, 50, "test"));
        }

        @Override
        public ModelParameters model(double[] values, Measurement measurement) {
            ModelParameters d = ModelParameters.defaults();
            GuestCpuCosts c = d.cpu();
            CostParameters h = d.host();
            return d.withCpu(new GuestCpuCosts(c.firmwareFixedNanos(), c.stubFixedNanos(), c.decompressNanos(),
                            Math.round(values[0] * 1e9), c.memmapInitNanosPer4K(), c.faultNanosPer4K(),
                            c.hogWorkNanosPer4K(), c.touchFloorNanosPer4K(), c.readyNanos(), c.reclaimDuty()))
                    .withHost(new CostParameters(h.tdx().withExitNanos(Math.round(values[1] * 1e3)), h.snp(),
                            h.contention()));
        }
    };

    private static Measurement measured(String id, MeasurementKind kind, GuestSpec guest, Target target) {
        return new Measurement(id, kind, guest, null, PageSize.SIZE_4K, target, "synthetic", "", 0, "");
    }

    private static Measurement bootSeconds(double[] truth, long memory, int vcpus, AcceptancePolicy policy) {
        GuestSpec guest = new GuestSpec(memory, vcpus, Platform.TDX, policy);
        Measurement probe = measured("probe", MeasurementKind.BOOT_SECONDS, guest, Target.point(1));
        double value = BootCalibration.predict(TWO_CONSTANTS.model(truth, probe), probe);
        return measured("synthetic-" + memory / GIB + "g-" + policy.configName(), MeasurementKind.BOOT_SECONDS,
                guest, Target.point(value));
    }

    @Test
    void refitOnSyntheticDataRecoversKnownConstants() {
        double[] truth = {1.2, 5.5};
        List<Measurement> data = new ArrayList<>();
        data.add(bootSeconds(truth, 4 * GIB, 1, new AcceptancePolicy.Lazy()));
        data.add(bootSeconds(truth, 32 * GIB, 8, new AcceptancePolicy.Lazy()));
        data.add(bootSeconds(truth, 16 * GIB, 4, new AcceptancePolicy.EagerFirmware()));
        data.add(measured("fault", MeasurementKind.ACCEPT_4K_MICROS, null, Target.point(5.5 + 0.5 + 0.4)));
        BootCalibration.Fit fit = BootCalibration.fit(TWO_CONSTANTS, new double[] {3, 10}, data);
        assertEquals(1.2, fit.values()[0], 0.012);
        assertEquals(5.5, fit.values()[1], 0.055);
        assertTrue(fit.maxAbsRelativeError() < 1e-3, "residual " + fit.maxAbsRelativeError());
    }

    @Test
    void constantThatWantsToLeaveItsBoundsIsReportedThere() {
        GuestSpec guest = new GuestSpec(4 * GIB, 1, Platform.TDX, new AcceptancePolicy.Lazy());
        Measurement impossiblyFast = measured("fast", MeasurementKind.BOOT_SECONDS, guest, Target.point(0.001));
        BootCalibration.Fit fit = BootCalibration.fit(TWO_CONSTANTS, new double[] {1, 7}, List.of(impossiblyFast));
        assertTrue(fit.atBounds().contains("kernel-fixed"), fit.atBounds().toString());
        assertTrue(fit.maxAbsRelativeError() > 1, "cannot fit a 1 ms boot");
    }

    @Test
    void boundsAndRangesHaveNoErrorInsideAndAnErrorToTheNearestLimitOutside() {
        assertEquals(0, Target.parse("<15").relativeError(3), 0);
        assertEquals(1.0 / 3, Target.parse("<15").relativeError(20), 1e-12);
        assertEquals(-0.5, Target.parse(">90").relativeError(45), 1e-12);
        assertEquals(0, Target.parse("40-50").relativeError(44), 0);
        assertEquals(0.1, Target.parse("40-50").relativeError(55), 1e-12);
        assertEquals(-0.1, Target.parse("40-50").relativeError(36), 1e-12);
        assertEquals("40-50", Target.parse(" 40-50 ").toString());
        assertEquals(0.25, Target.parse("8").relativeError(10), 1e-12);
    }

    @Test
    void aReadingHasNoErrorWithinItsResolutionButAFitAimsAtTheReadingItself() {
        Target reading = Target.parse("6+-1");
        assertEquals("6+-1", reading.toString());
        assertEquals(Target.reading(6, 1), Target.parse("6 \u00b1 1"));
        assertEquals(0, reading.relativeError(5.2), 0);
        assertEquals(5.2 / 6 - 1, reading.errorAgainstReading(5.2), 1e-12);
        assertEquals(4.0 / 5 - 1, reading.relativeError(4), 1e-12);
        assertEquals(8.0 / 7 - 1, reading.relativeError(8), 1e-12);
        assertEquals(Target.point(6).relativeError(4), Target.point(6).errorAgainstReading(4), 0);
        assertThrows(IllegalArgumentException.class, () -> new Target(1, 2, 0.5));
    }
}
