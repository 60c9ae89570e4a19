package dev.fleetsim.node.metrics;

import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.RunConfig;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a study's run shows on dashboards (names {@code fleetsim_*}, base units). Both engines feed it through the
 * same calls, from where a scenario is driven (the coordinator in the actor engine). Labels come only from bounded
 * sets: scenario, platform, policy and VM size class are all named in the study, so the series count does not grow
 * with the number of VMs or hosts.
 */
public final class SimulationMetrics {

    private static final String[] SCENARIO = {"scenario", "platform", "policy"};
    /** Boot-to-shell buckets grow by a tenth from 0.1 s to past 1000 s, so a quantile read from them is within 10%. */
    static final double BOOT_BUCKET_START = 0.1;
    static final double BOOT_BUCKET_FACTOR = 1.1;
    static final int BOOT_BUCKETS = 98;
    private static final SimulationMetrics DEFAULT = new SimulationMetrics(PrometheusRegistry.defaultRegistry);

    private final Counter started;
    private final Counter refused;
    private final Counter booted;
    private final Counter finished;
    private final Histogram bootToShell;
    private final Counter acceptedBytes;
    private final Counter exits;
    private final Gauge committed;
    private final Gauge configured;
    private final Gauge saved;
    private final Gauge virtualTime;
    private final Gauge progress;
    private final Counter events;
    private final Map<String, Long> eventsSeen = new ConcurrentHashMap<>();

    public SimulationMetrics(PrometheusRegistry registry) {
        started = counter(registry, "fleetsim_vms_started", "VMs placed on a host and started");
        refused = counter(registry, "fleetsim_vms_refused", "VMs placement refused for want of room");
        booted = counter(registry, "fleetsim_vms_booted", "VMs that reached their shell prompt");
        finished = counter(registry, "fleetsim_vms_finished", "VMs whose life ended");
        bootToShell = Histogram.builder().name("fleetsim_boot_to_shell_seconds")
                .help("Boot-to-shell time of a VM, virtual seconds").labelNames("scenario", "platform", "policy",
                        "size_class").classicOnly()
                .classicExponentialUpperBounds(BOOT_BUCKET_START, BOOT_BUCKET_FACTOR, BOOT_BUCKETS).register(registry);
        acceptedBytes = counter(registry, "fleetsim_accepted_bytes", "Guest memory accepted, bytes");
        exits = counter(registry, "fleetsim_acceptance_exits", "Guest exits to the host for acceptance");
        committed = gauge(registry, "fleetsim_host_committed_bytes",
                "Host memory committed to guests, summed over hosts, as of the last window");
        configured = gauge(registry, "fleetsim_host_configured_bytes",
                "Guest memory configured on hosts (what eager acceptance commits), as of the last window");
        saved = gauge(registry, "fleetsim_memory_saved_vs_eager_bytes",
                "Configured minus committed memory: what this scenario does not commit that eager would");
        virtualTime = gauge(registry, "fleetsim_virtual_time_seconds", "Virtual time the scenario has reached");
        progress = gauge(registry, "fleetsim_study_progress_ratio", "Share of the scenario's virtual duration done");
        events = counter(registry, "fleetsim_events_processed", "Guest-step events processed by hosts");
    }

    /** The metrics on the process's default registry, which the HTTP endpoint serves. */
    public static SimulationMetrics get() {
        return DEFAULT;
    }

    /**
     * A run (or its replay) starts: its series start again from 0, so two submissions of the same run do not add
     * up (Prometheus reads the drop as a counter reset), and each exists before its first event, so a refused
     * count of none shows as 0 rather than as no series. Series keep their last values after the run, so a scrape
     * after a run shorter than the scrape interval still sees it.
     */
    public void runStarted(RunConfig study) {
        String[] labels = labels(study);
        for (Counter c : new Counter[] {started, refused, booted, finished, acceptedBytes, exits, events}) {
            c.remove(labels);
            c.labelValues(labels);
        }
        for (Gauge g : new Gauge[] {committed, configured, saved, virtualTime, progress}) {
            g.remove(labels);
            g.labelValues(labels).set(0);
        }
        for (var vmClass : study.vmClasses()) {
            bootToShell.remove(labels[0], labels[1], labels[2], vmClass.name());
            bootToShell.labelValues(labels[0], labels[1], labels[2], vmClass.name());
        }
        eventsSeen.remove(study.scenario());
    }

    public void placed(RunConfig study, boolean wasRefused) {
        (wasRefused ? refused : started).labelValues(labels(study)).inc();
    }

    public void ended(RunConfig study, VmPlan plan, HostSimulation.Outcome outcome) {
        String[] labels = labels(study);
        finished.labelValues(labels).inc();
        if (outcome.boot().reachedShell()) {
            booted.labelValues(labels).inc();
            bootToShell.labelValues(labels[0], labels[1], labels[2], plan.vmClass())
                    .observe(outcome.boot().toShellNanos() / 1e9);
        }
        acceptedBytes.labelValues(labels).inc(outcome.accepted().atEndBytes());
        exits.labelValues(labels).inc(outcome.exits());
    }

    public void windowDone(RunConfig study, long reachedNanos, Collection<HostSimulation.Snapshot> hosts) {
        String[] labels = labels(study);
        long committedSum = 0;
        long configuredSum = 0;
        long eventSum = 0;
        for (HostSimulation.Snapshot h : hosts) {
            committedSum += h.committedBytes();
            configuredSum += h.configuredBytes();
            eventSum += h.events();
        }
        committed.labelValues(labels).set(committedSum);
        configured.labelValues(labels).set(configuredSum);
        saved.labelValues(labels).set(configuredSum - committedSum);
        virtualTime.labelValues(labels).set(reachedNanos / 1e9);
        progress.labelValues(labels).set((double) reachedNanos / study.durationNanos());
        long before = eventsSeen.getOrDefault(study.scenario(), 0L);
        events.labelValues(labels).inc(eventSum - before);
        eventsSeen.put(study.scenario(), eventSum);
    }

    private static String[] labels(RunConfig study) {
        return new String[] {study.scenario(), study.platform().configName(), study.policy().configName()};
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help) {
        return Counter.builder().name(name).help(help).labelNames(SCENARIO).register(registry);
    }

    private static Gauge gauge(PrometheusRegistry registry, String name, String help) {
        return Gauge.builder().name(name).help(help).labelNames(SCENARIO).register(registry);
    }
}
