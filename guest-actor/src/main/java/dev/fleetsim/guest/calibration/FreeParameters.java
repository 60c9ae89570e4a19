package dev.fleetsim.guest.calibration;

import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.host.ContentionCurve;
import dev.fleetsim.host.TdxCostModel.TdxSettings;

/**
 * The parameters calibration fits, in units that keep them of similar size for the optimiser, with the bounds
 * that keep them physically plausible:
 * <ul>
 *   <li>kernel fixed time, 0.05 to 60 s: a minimal kernel reaches a shell in tens of milliseconds (micro-VMs), and
 *       no measured confidential guest spends a minute on work that does not grow with memory;</li>
 *   <li>contention slope, 0 to 1: exits never get faster with company, and at 1 each additional exiting vCPU
 *       doubles an exit's time, which is beyond full serialisation for the vCPU counts studied;</li>
 *   <li>TDX exit, 1 to 50 us: published exit-and-AUG round trips are single-digit microseconds.</li>
 * </ul>
 */
public record FreeParameters(double kernelFixedSeconds, double contentionSlope, double tdxExitMicros) {

    static final double[] LOWER = {0.05, 0.0, 1.0};
    static final double[] UPPER = {60.0, 1.0, 50.0};
    static final String[] NAMES = {"kernel fixed time (s)", "contention slope", "TDX exit (us)"};

    public static FreeParameters of(ModelParameters p) {
        return new FreeParameters(p.cpu().kernelFixedNanos() / 1e9, p.host().contention().slope(),
                p.host().tdx().exitNanos() / 1e3);
    }

    static FreeParameters fromArray(double[] v) {
        return new FreeParameters(v[0], v[1], v[2]);
    }

    double[] toArray() {
        return new double[] {kernelFixedSeconds, contentionSlope, tdxExitMicros};
    }

    /** Moves each value into its bounds (the optimiser's parameter validator). */
    static double[] clamp(double[] v) {
        double[] c = v.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(LOWER[i], Math.min(UPPER[i], c[i]));
        }
        return c;
    }

    public ModelParameters applyTo(ModelParameters base) {
        TdxSettings tdx = base.host().tdx();
        ContentionCurve contention = base.host().contention();
        return base
                .withHost(base.host()
                        .withTdx(new TdxSettings(tdx.hostMapping(), Math.round(tdxExitMicros * 1e3),
                                tdx.tdcallNanos(), tdx.zeroNanosPer4K()))
                        .withContention(new ContentionCurve(contentionSlope, contention.saturation())))
                .withCpu(base.cpu().withKernelFixedNanos(Math.round(kernelFixedSeconds * 1e9)));
    }
}
