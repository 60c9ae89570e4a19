package dev.fleetsim.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.results.ScenarioSummary;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBucket;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationMetricsTest {

    private record Run(MetricSnapshots scrape, ScenarioSummary summary) {
        long series() {
            return scrape.stream().mapToLong(m -> m.getDataPoints().size()).sum();
        }

        double counter(String name) {
            for (MetricSnapshot m : scrape) {
                if (m instanceof CounterSnapshot c && m.getMetadata().getName().equals(name)) {
                    return c.getDataPoints().stream().mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                            .sum();
                }
            }
            throw new AssertionError("no counter " + name);
        }
    }

    private static Run prepare(int vms) {
        return prepare(vms, 1, 1);
    }

    /** Scenario {@code index} of the default study at {@code vms} VMs, run {@code times} on one registry. */
    private static Run prepare(int vms, int index, int times) {
        PrometheusRegistry registry = new PrometheusRegistry();
        RunConfig scenario = StudyLoader.defaults(new StudyLoader.Overrides(null, vms)).runs().get(index);
        SequentialEngine engine = new SequentialEngine(new SimulationMetrics(registry));
        ScenarioResult result = null;
        for (int i = 0; i < times; i++) {
            result = engine.run(scenario, (t, a, n) -> { });
        }
        return new Run(registry.scrape(), ScenarioSummary.of(result));
    }

    /** What Prometheus' histogram_quantile reads from the boot-to-shell buckets summed over size classes. */
    private static double bootQuantile(MetricSnapshots scrape, double q) {
        java.util.TreeMap<Double, Double> cumulative = new java.util.TreeMap<>();
        for (MetricSnapshot m : scrape) {
            if (m instanceof HistogramSnapshot h) {
                for (HistogramSnapshot.HistogramDataPointSnapshot p : h.getDataPoints()) {
                    for (ClassicHistogramBucket b : p.getClassicBuckets()) {
                        cumulative.merge(b.getUpperBound(), (double) b.getCount(), Double::sum);
                    }
                }
            }
        }
        double total = 0;
        double lower = 0;
        double below = 0;
        java.util.TreeMap<Double, Double> counts = new java.util.TreeMap<>();
        for (var e : cumulative.entrySet()) {
            total += e.getValue();
            counts.put(e.getKey(), total);
        }
        double rank = q * total;
        for (var e : counts.entrySet()) {
            if (e.getValue() >= rank) {
                return lower + (e.getKey() - lower) * (rank - below) / (e.getValue() - below);
            }
            lower = e.getKey();
            below = e.getValue();
        }
        throw new AssertionError("no bucket holds quantile " + q);
    }

    @Test
    void everyCounterExistsAtZeroBeforeAnythingHappens() {
        PrometheusRegistry registry = new PrometheusRegistry();
        RunConfig eager = StudyLoader.defaults().runs().get(0);
        new SimulationMetrics(registry).runStarted(eager);
        for (String name : List.of("fleetsim_vms_started", "fleetsim_vms_refused", "fleetsim_vms_booted",
                "fleetsim_vms_finished", "fleetsim_accepted_bytes", "fleetsim_acceptance_exits",
                "fleetsim_events_processed")) {
            assertEquals(0.0, new Run(registry.scrape(), null).counter(name), name);
        }
        long histograms = registry.scrape().stream().filter(m -> m instanceof HistogramSnapshot)
                .mapToLong(m -> m.getDataPoints().size()).sum();
        assertEquals(eager.vmClasses().size(), histograms, "a boot histogram per size class");
    }

    @Test
    void aSecondSubmissionOfARunStartsItsCountersAgain() {
        Run twice = prepare(300, 1, 2);
        assertEquals(twice.summary().placed(), twice.counter("fleetsim_vms_started"));
        assertEquals(twice.summary().reachedShell(), twice.counter("fleetsim_vms_booted"));
    }

    /** Read as a dashboard reads them, the buckets give each quantile within their width, a tenth. */
    @Test
    void bootQuantilesFromTheBucketsAreNearTheRunsOwn() {
        for (int scenario : new int[] {0, 1}) {
            Run run = prepare(500, scenario, 1);
            for (double q : new double[] {0.5, 0.95}) {
                double truth = q == 0.5 ? run.summary().bootToShell().p50() : run.summary().bootToShell().p95();
                double read = bootQuantile(run.scrape(), q);
                assertEquals(truth, read, (SimulationMetrics.BOOT_BUCKET_FACTOR - 1) * truth * 1.01,
                        "scenario " + scenario + " q" + q);
            }
        }
    }

    @Test
    void seriesCountStaysBoundedAsTheFleetGrows() {
        Run small = prepare(100);
        Run large = prepare(10_000);
        // 7 counters and 5 gauges, one series each, plus per size class one histogram of its buckets, +Inf, sum and
        // count
        int classes = StudyLoader.defaults().runs().get(1).vmClasses().size();
        long bound = 12 + classes * (SimulationMetrics.BOOT_BUCKETS + 1 + 2);
        assertTrue(large.series() <= bound, large.series() + " series");
        assertTrue(small.series() <= large.series());
        assertEquals(small.series(), large.series(), "every size class has its series from the start");
    }

    @Test
    void countersAgreeWithTheSummary() {
        Run run = prepare(500);
        assertEquals(run.summary().placed(), run.counter("fleetsim_vms_started"));
        assertEquals(run.summary().placed(), run.counter("fleetsim_vms_finished"));
        assertEquals(run.summary().reachedShell(), run.counter("fleetsim_vms_booted"));
        assertEquals(run.summary().exits(), run.counter("fleetsim_acceptance_exits"));
    }
}
