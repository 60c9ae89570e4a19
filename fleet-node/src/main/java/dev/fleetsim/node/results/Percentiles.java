package dev.fleetsim.node.results;

import java.util.Arrays;

/** Mean and nearest-rank percentiles of a set of values: durations in seconds, or plain counts. */
public record Percentiles(int count, double mean, double p50, double p95, double p99) {

    public static Percentiles ofNanos(long[] nanos) {
        return of(nanos, 1e9);
    }

    public static Percentiles ofCounts(long[] counts) {
        return of(counts, 1);
    }

    private static Percentiles of(long[] values, double unit) {
        if (values.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Percentiles(sorted.length, sum / sorted.length / unit, rank(sorted, 50) / unit,
                rank(sorted, 95) / unit, rank(sorted, 99) / unit);
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
