package dev.fleetsim.node.results;

import java.util.List;

/**
 * A run next to its baseline: the run its {@code compare-to} names at the same matrix point and seed, else the
 * first eager run there (an eager run is its own baseline); none if the point has neither.
 */
public record Comparison(RunRecord run, RunRecord baseline) {

    public static List<Comparison> of(List<RunRecord> runs) {
        return runs.stream().map(r -> new Comparison(r, baselineOf(r, runs))).toList();
    }

    private static RunRecord baselineOf(RunRecord run, List<RunRecord> runs) {
        for (RunRecord candidate : runs) {
            boolean wanted = run.compareTo().isEmpty() ? candidate.eager()
                    : candidate.point().scenario().equals(run.compareTo());
            if (wanted && candidate.sharesPointWith(run)) {
                return candidate;
            }
        }
        return null;
    }

    public ScenarioSummary summary() {
        return run.summary();
    }

    public boolean hasBaseline() {
        return baseline != null;
    }

    /** How many times faster the mean boot-to-shell is than the baseline's; NaN without one. */
    public double speedup() {
        return hasBaseline() && summary().bootToShell().mean() > 0 ? summary().speedupVersus(baseline.summary())
                : Double.NaN;
    }

    public double savedBytes() {
        return hasBaseline() ? summary().savedBytesVersus(baseline.summary()) : Double.NaN;
    }

    public double savedPercent() {
        return hasBaseline() ? summary().savedPercentVersus(baseline.summary()) : Double.NaN;
    }

    /** Guest commit and host overhead together saved against the baseline; NaN without one. */
    public double savedTotalBytes() {
        return hasBaseline() ? summary().savedTotalBytesVersus(baseline.summary()) : Double.NaN;
    }

    public double savedTotalPercent() {
        return hasBaseline() ? summary().savedTotalPercentVersus(baseline.summary()) : Double.NaN;
    }
}
