package dev.fleetsim.node.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Whole runs of a sweep on this node: how many are running now and how many finished. */
public final class SweepMetrics {

    private static final Gauge IN_FLIGHT = Gauge.builder().name("fleetsim_runs_in_flight")
            .help("Whole runs of a sweep running on this node now").labelNames("node")
            .register(PrometheusRegistry.defaultRegistry);
    private static final Counter FINISHED = Counter.builder().name("fleetsim_runs_finished")
            .help("Whole runs of a sweep this node finished (failed ones included)")
            .register(PrometheusRegistry.defaultRegistry);

    private SweepMetrics() {
    }

    public static void started(String node) {
        IN_FLIGHT.labelValues(node).inc();
    }

    public static void finished(String node) {
        IN_FLIGHT.labelValues(node).dec();
        FINISHED.inc();
    }
}
