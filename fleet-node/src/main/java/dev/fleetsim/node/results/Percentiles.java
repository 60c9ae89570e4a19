package dev.fleetsim.node.results;

import java.util.Arrays;

/** Mean and nearest-rank percentiles of a set of durations, in seconds. */
public record Percentiles(int count, double mean, double p50, double p95, double p99) {

    public static Percentiles ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Percentiles(sorted.length, sum / sorted.length / 1e9, rank(sorted, 50), rank(sorted, 95),
                rank(sorted, 99));
    }

    private static double rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e9;
    }
}
