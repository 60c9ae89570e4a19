package dev.fleetsim.node.results;

import dev.fleetsim.node.study.SweepPoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * One cell of a sweep (a scenario at a matrix point) over its replications: each headline figure's mean and the
 * half-width of its 95% confidence interval (Student's t on the replications, which differ only in seed). With
 * one replication the half-width is NaN: there is nothing to estimate the spread from.
 */
public record CellStatistics(String cell, SweepPoint point, int replications, Map<Headline, Estimate> figures) {

    /** A mean and the half-width of its 95% confidence interval. */
    public record Estimate(double mean, double halfWidth95) {
    }

    /** The cells in order of first appearance. */
    public static List<CellStatistics> of(List<Comparison> runs) {
        Map<String, List<Comparison>> cells = new LinkedHashMap<>();
        for (Comparison run : runs) {
            cells.computeIfAbsent(run.run().point().cell(), k -> new ArrayList<>()).add(run);
        }
        List<CellStatistics> result = new ArrayList<>();
        cells.forEach((cell, members) -> {
            Map<Headline, Estimate> figures = new EnumMap<>(Headline.class);
            for (Headline h : Headline.values()) {
                figures.put(h, estimate(members.stream().mapToDouble(h::of).toArray()));
            }
            result.add(new CellStatistics(cell, members.get(0).run().point(), members.size(), figures));
        });
        return result;
    }

    /** The mean of {@code values} and its 95% interval (NaN for fewer than two). */
    public static Estimate estimate(double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v / n;
        }
        if (n < 2) {
            return new Estimate(mean, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double standardError = Math.sqrt(squares / (n - 1) / n);
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        return new Estimate(mean, t * standardError);
    }
}
