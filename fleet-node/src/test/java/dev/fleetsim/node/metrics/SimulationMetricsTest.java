package dev.fleetsim.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.results.ScenarioSummary;
import dev.fleetsim.node.study.StudyConfig;
import dev.fleetsim.node.study.StudyLoader;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
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
        PrometheusRegistry registry = new PrometheusRegistry();
        StudyConfig lazy = StudyLoader.defaults(new StudyLoader.Overrides(null, vms)).scenarios().get(1);
        ScenarioResult result = new SequentialEngine(new SimulationMetrics(registry)).run(lazy, (t, n) -> { });
        return new Run(registry.scrape(), ScenarioSummary.of(result));
    }

    @Test
    void seriesCountStaysBoundedAsTheFleetGrows() {
        Run small = prepare(100);
        Run large = prepare(10_000);
        // 7 counters and 5 gauges, one series each, plus per size class one histogram of 12 buckets, sum and count
        long bound = 12 + 7 * (12 + 2);
        assertTrue(large.series() <= bound, large.series() + " series");
        assertTrue(small.series() <= large.series());
        assertTrue(large.series() - small.series() <= 3 * 14, "only size classes the small fleet missed may add");
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
