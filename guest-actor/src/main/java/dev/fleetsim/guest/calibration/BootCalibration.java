package dev.fleetsim.guest.calibration;

import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.Workload;
import dev.fleetsim.host.AcceptPath;
import dev.fleetsim.host.AcceptRequest;
import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.TdxCostModel;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Fits {@link FreeParameters} to measurements by least squares on relative errors (Hipparchus'
 * Levenberg-Marquardt, bounds enforced by clamping each trial point). Each prediction boots the measured guest
 * alone through the full model, so a fit is only as good as the set-up each measurement records.
 */
public final class BootCalibration {

    /** A measurement and what the model predicts for it. */
    public record Residual(Measurement measurement, double predicted) {
        public double relativeError() {
            return predicted / measurement.value() - 1;
        }
    }

    /** The fitted parameters, the residual of every measurement and which parameters ended on a bound. */
    public record Fit(FreeParameters parameters, List<Residual> residuals, List<String> atBounds, int evaluations) {
        public double maxAbsRelativeError() {
            return residuals.stream().mapToDouble(r -> Math.abs(r.relativeError())).max().orElse(0);
        }
    }

    private static final long SEED = 0;
    /** A memory hog's allocation size for drain predictions. */
    private static final long HOG_CHUNK = 256L << 20;
    /** How long a predicted memory hog may run before its drain counts as never. */
    private static final long DRAIN_HORIZON_NANOS = 24 * 3_600_000_000_000L;
    private static final double STEP = 1e-4;

    private BootCalibration() {
    }

    public static double predict(ModelParameters parameters, Measurement m) {
        ModelParameters p = parameters.withHost(parameters.host().withHostMapping(m.hostMapping()));
        return switch (m.kind()) {
            case BOOT_SECONDS -> p.bootAlone(m.guest(), SEED).bootToShellNanos() / 1e9;
            case BOOT_RATIO -> {
                double baseline = p.bootAlone(new dev.fleetsim.guest.GuestSpec(m.guest().memoryBytes(),
                        m.guest().vcpus(), m.guest().platform(), m.baseline()), SEED).bootToShellNanos();
                yield baseline / p.bootAlone(m.guest(), SEED).bootToShellNanos();
            }
            case ACCEPT_4K_MICROS -> new TdxCostModel(p.host().tdx())
                    .cost(AcceptRequest.of(0, 4096, AcceptPath.KERNEL, 1), 1.0).cpuNanos() / 1e3;
            case FIRMWARE_SECONDS -> p.bootAlone(m.guest(), SEED).phaseNanos(BootPhase.FIRMWARE) / 1e9;
            case EARLY_KERNEL_SECONDS -> p.bootAlone(m.guest(), SEED).phaseNanos(BootPhase.EARLY_KERNEL) / 1e9;
            case DRAIN_SECONDS -> {
                long drained = p.liveAlone(m.guest(), new Workload.MemoryHog(m.workers(), 1.0, HOG_CHUNK),
                        DRAIN_HORIZON_NANOS, SEED).drainedNanos();
                yield drained < 0 ? Double.POSITIVE_INFINITY : drained / 1e9;
            }
        };
    }

    public static Fit fit(ModelParameters base, List<Measurement> measurements) {
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(FreeParameters.of(base).toArray())
                .model(point -> valueAndJacobian(base, measurements, point))
                .target(new double[measurements.size()])
                .parameterValidator(point -> new ArrayRealVector(FreeParameters.clamp(point.toArray())))
                .maxEvaluations(500)
                .maxIterations(500)
                .build();
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        FreeParameters fitted = FreeParameters.fromArray(FreeParameters.clamp(optimum.getPoint().toArray()));
        ModelParameters result = fitted.applyTo(base);
        List<Residual> residuals = new ArrayList<>();
        for (Measurement m : measurements) {
            residuals.add(new Residual(m, predict(result, m)));
        }
        return new Fit(fitted, residuals, atBounds(fitted), optimum.getEvaluations());
    }

    private static Pair<RealVector, org.hipparchus.linear.RealMatrix> valueAndJacobian(
            ModelParameters base, List<Measurement> measurements, RealVector point) {
        double[] x = point.toArray();
        double[] value = relativeErrors(base, measurements, x);
        double[][] jacobian = new double[measurements.size()][x.length];
        for (int j = 0; j < x.length; j++) {
            double h = STEP * Math.max(1.0, Math.abs(x[j]));
            double[] up = x.clone();
            double[] down = x.clone();
            up[j] += h;
            down[j] = Math.max(FreeParameters.LOWER[j], down[j] - h);
            double[] fUp = relativeErrors(base, measurements, up);
            double[] fDown = relativeErrors(base, measurements, down);
            for (int i = 0; i < measurements.size(); i++) {
                jacobian[i][j] = (fUp[i] - fDown[i]) / (up[j] - down[j]);
            }
        }
        return new Pair<>(new ArrayRealVector(value), new Array2DRowRealMatrix(jacobian));
    }

    private static double[] relativeErrors(ModelParameters base, List<Measurement> measurements, double[] x) {
        ModelParameters p = FreeParameters.fromArray(x).applyTo(base);
        double[] errors = new double[measurements.size()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = predict(p, measurements.get(i)) / measurements.get(i).value() - 1;
        }
        return errors;
    }

    private static List<String> atBounds(FreeParameters fitted) {
        double[] v = fitted.toArray();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (v[i] <= FreeParameters.LOWER[i] || v[i] >= FreeParameters.UPPER[i]) {
                names.add(FreeParameters.NAMES[i]);
            }
        }
        return names;
    }
}
