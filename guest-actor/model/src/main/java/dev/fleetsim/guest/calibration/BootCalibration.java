package dev.fleetsim.guest.calibration;

import dev.fleetsim.guest.GuestSpec;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.Workload;
import dev.fleetsim.host.AcceptPath;
import dev.fleetsim.host.AcceptRequest;
import dev.fleetsim.host.BootPhase;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.TdxCostModel;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Fits free model constants jointly to measurements by least squares on relative errors (Hipparchus'
 * Levenberg-Marquardt, bounds enforced by clamping each trial point). A reading's resolution does not flatten
 * the objective: the fit aims at the reading, and the resolution only says which residuals count as hits. Each
 * prediction runs the measured guest alone through the full model built for that measurement's set-up, so a fit
 * is only as good as the set-up each measurement records.
 */
public final class BootCalibration {

    /**
     * The model as a function of the free constants' values, for one measurement's set-up: the caller decides how
     * values and a set-up's settings become parameters (fleet-node does it through study keys).
     */
    public interface Parameterisation {
        List<FreeConstant> constants();

        ModelParameters model(double[] values, Measurement measurement);
    }

    /** A measurement and what the model predicts for it. */
    public record Residual(Measurement measurement, double predicted) {
        public double relativeError() {
            return measurement.target().relativeError(predicted);
        }

        /** The error the fit minimised: against a reading itself, not its resolution's edge. */
        public double errorAgainstReading() {
            return measurement.target().errorAgainstReading(predicted);
        }
    }

    /** The fitted values, the residual of every measurement and the constants that ended on a bound. */
    public record Fit(List<FreeConstant> constants, double[] values, List<Residual> residuals, List<String> atBounds,
                      int evaluations) {
        public double maxAbsRelativeError() {
            return residuals.stream().mapToDouble(r -> Math.abs(r.relativeError())).max().orElse(0);
        }
    }

    private static final long SEED = 0;
    /** A memory hog's allocation size for drain predictions. */
    private static final long HOG_CHUNK = 256L << 20;
    /** How long a predicted memory hog may run before its drain counts as never. */
    private static final long DRAIN_HORIZON_NANOS = 24 * 3_600_000_000_000L;
    /** Relative step of the finite differences: large enough to move counts the model rounds (allocations). */
    private static final double STEP = 1e-2;

    private BootCalibration() {
    }

    /** What the model {@code p} predicts for measurement {@code m} (whose set-up {@code p} must already be). */
    public static double predict(ModelParameters parameters, Measurement m) {
        ModelParameters p = parameters.withHostMapping(m.hostMapping());
        GuestSpec guest = m.guest();
        return switch (m.kind()) {
            case BOOT_SECONDS -> p.bootAlone(guest, SEED).bootToShellNanos() / 1e9;
            case READY_SECONDS -> (p.bootAlone(guest, SEED).bootToShellNanos() + p.cpu().readyNanos()) / 1e9;
            case BOOT_RATIO -> {
                GuestSpec baseline = new GuestSpec(guest.memoryBytes(), guest.vcpus(), guest.platform(), m.baseline());
                yield (double) p.bootAlone(baseline, SEED).bootToShellNanos()
                        / p.bootAlone(guest, SEED).bootToShellNanos();
            }
            case ACCEPT_4K_MICROS -> new TdxCostModel(p.host().tdx())
                    .cost(AcceptRequest.of(0, 4096, AcceptPath.KERNEL, 1), 1.0).cpuNanos() / 1e3;
            case EXIT_MICROS -> exitMicros(p, guest, m.workers());
            case FIRMWARE_SECONDS -> p.bootAlone(guest, SEED).phaseNanos(BootPhase.FIRMWARE) / 1e9;
            case EARLY_KERNEL_SECONDS -> p.bootAlone(guest, SEED).phaseNanos(BootPhase.EARLY_KERNEL) / 1e9;
            case DRAIN_SECONDS -> {
                long drained = p.liveAlone(guest, new Workload.MemoryHog(m.workers(), 1.0, HOG_CHUNK),
                        DRAIN_HORIZON_NANOS, SEED).accepted().drainedNanos();
                yield drained < 0 ? Double.POSITIVE_INFINITY : drained / 1e9;
            }
        };
    }

    /** One 4K accept's exit while {@code exiting} of the TD's vCPUs exit at once and the rest idle. */
    private static double exitMicros(ModelParameters p, GuestSpec guest, int exiting) {
        int vcpus = Math.min(exiting, guest.vcpus());
        double slowdown = p.host().contention().slowdown(vcpus, guest.vcpus() - vcpus);
        AcceptRequest one = new AcceptRequest(0, 4096, PageSize.SIZE_4K, AcceptPath.KERNEL, 1);
        return p.host().costModel(guest.platform()).cost(one, slowdown).cpuNanos() / 1e3;
    }

    public static Fit fit(Parameterisation model, double[] start, List<Measurement> measurements) {
        List<FreeConstant> constants = model.constants();
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .model(point -> valueAndJacobian(model, measurements, point))
                .target(new double[measurements.size()])
                .parameterValidator(point -> new ArrayRealVector(clamp(constants, point.toArray())))
                .maxEvaluations(500)
                .maxIterations(500)
                .build();
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        double[] fitted = clamp(constants, optimum.getPoint().toArray());
        List<Residual> residuals = new ArrayList<>();
        for (Measurement m : measurements) {
            residuals.add(new Residual(m, predict(model.model(fitted, m), m)));
        }
        return new Fit(constants, fitted, residuals, atBounds(constants, fitted), optimum.getEvaluations());
    }

    /** Every measurement's residual at {@code values}, without fitting. */
    public static List<Residual> residuals(Parameterisation model, double[] values, List<Measurement> measurements) {
        List<Residual> residuals = new ArrayList<>();
        for (Measurement m : measurements) {
            residuals.add(new Residual(m, predict(model.model(values, m), m)));
        }
        return residuals;
    }

    private static Pair<RealVector, RealMatrix> valueAndJacobian(Parameterisation model,
                                                                 List<Measurement> measurements, RealVector point) {
        List<FreeConstant> constants = model.constants();
        double[] x = point.toArray();
        double[] value = relativeErrors(model, measurements, x);
        double[][] jacobian = new double[measurements.size()][x.length];
        for (int j = 0; j < x.length; j++) {
            double h = STEP * Math.max(1.0, Math.abs(x[j]));
            double[] up = x.clone();
            double[] down = x.clone();
            up[j] = Math.min(constants.get(j).upper(), up[j] + h);
            down[j] = Math.max(constants.get(j).lower(), down[j] - h);
            double[] fUp = relativeErrors(model, measurements, up);
            double[] fDown = relativeErrors(model, measurements, down);
            for (int i = 0; i < measurements.size(); i++) {
                jacobian[i][j] = (fUp[i] - fDown[i]) / (up[j] - down[j]);
            }
        }
        return new Pair<>(new ArrayRealVector(value), new Array2DRowRealMatrix(jacobian));
    }

    private static double[] relativeErrors(Parameterisation model, List<Measurement> measurements, double[] x) {
        double[] errors = new double[measurements.size()];
        for (int i = 0; i < errors.length; i++) {
            Measurement m = measurements.get(i);
            errors[i] = m.target().errorAgainstReading(predict(model.model(x, m), m));
        }
        return errors;
    }

    private static double[] clamp(List<FreeConstant> constants, double[] v) {
        double[] c = v.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = constants.get(i).clamp(c[i]);
        }
        return c;
    }

    private static List<String> atBounds(List<FreeConstant> constants, double[] v) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            FreeConstant c = constants.get(i);
            if (v[i] <= c.lower() || v[i] >= c.upper()) {
                keys.add(c.key());
            }
        }
        return keys;
    }
}
