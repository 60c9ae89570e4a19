package dev.fleetsim.node;

import dev.fleetsim.host.BadInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.host.HostSimulation;
import dev.fleetsim.host.Sizes;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import dev.fleetsim.node.trace.SyntheticTrace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleetsim bench}: the default study (eager and lazy) at a given fleet size, or a vmtable trace
 * ({@code --trace-vms}, {@code --trace}), on each engine: wall time,
 * simulated events, events/s, VMs/s, peak heap and heap per VM. Arrivals and hosts scale with the fleet (all VMs
 * arrive in the first half of the study; one host of 1 TiB per 25 VMs, at least 400), so larger runs are the same
 * study, bigger. Wall time is measured around each engine's run, actor-system start included; with
 * {@code --warmup} each engine first runs untimed, as JMH warms up, to measure steady-state throughput.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the engines on the default study scaled to --vms; prints and writes JSON.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--vms", defaultValue = "10000", description = "fleet size (default ${DEFAULT-VALUE})")
    int vms;

    @Option(names = "--vm-memory", paramLabel = "SIZE", description = "every VM this big (4 vCPUs; hosts 32 times "
            + "as big), instead of the Azure-2019 mix: does the cost grow with guest memory?")
    String vmMemory;

    @Option(names = "--engines", split = ",", defaultValue = "actors,sequential",
            description = "engines to run (default ${DEFAULT-VALUE})")
    List<EngineHandle.Kind> engines;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "N", description = "runs of each engine before "
            + "the measured one, untimed, so the JIT has compiled the engine's code (default ${DEFAULT-VALUE}: "
            + "cold, as a study run from the command line is)")
    int warmup;

    @Option(names = "--trace-vms", paramLabel = "N", description = "instead of the default study: a synthetic "
            + "Azure V2 vmtable of N VMs over --days (written to a temporary file with `trace synth`), replayed "
            + "eager and lazy onto one 1 TiB host per 1,000 VMs a month")
    Integer traceVms;

    @Option(names = "--trace", paramLabel = "VMTABLE", description = "instead of the default study: this "
            + "vmtable.csv[.gz], replayed over --days as --trace-vms is")
    Path trace;

    @Option(names = "--days", defaultValue = "30", description = "days of trace (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--out", defaultValue = "bench.json", description = "JSON file (default ${DEFAULT-VALUE})")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * What one engine did. {@code vms} counts every VM simulated (the fleet once per scenario). Peak heap counts
     * garbage too (the pools' peak usage); live heap is what the heap held right after each collection during the
     * run, averaged over the collections. The per-VM heap divides it by the fleet's VMs: scenarios run one after
     * another, so the heap holds one scenario's fleet at a time.
     */
    record Figures(String engine, int fleetVms, int vms, double wallSeconds, long events, double eventsPerSecond,
                   double vmsPerSecond, long peakHeapBytes, long meanLiveHeapBytes, long maxLiveHeapBytes,
                   int collections, double meanLiveHeapBytesPerFleetVm) {
    }

    @Override
    public Integer call() throws IOException {
        if (vms < 1) {
            throw new BadInputException("--vms must be >= 1, was " + vms);
        }
        if (warmup < 0) {
            throw new BadInputException("--warmup must be >= 0, was " + warmup);
        }
        PrintWriter printer = spec.commandLine().getOut();
        Path synthetic = null;
        List<RunConfig> scenarios;
        int fleetVms = vms;
        String what = "default, scaled";
        if (traceVms != null || trace != null) {
            if (days < 1) {
                throw new BadInputException("--days must be >= 1, was " + days);
            }
            Path file = trace;
            if (file == null) {
                synthetic = Files.createTempFile("fleetsim-bench-", ".csv");
                new SyntheticTrace(traceVms, days, 1).writeVmTable(synthetic);
                file = synthetic;
            }
            long loadStart = System.nanoTime();
            scenarios = traceStudy(file, traceVms == null ? vms : traceVms);
            fleetVms = traceVms == null ? vms : traceVms;
            what = "azure-vmtable " + file.getFileName() + ", " + days + " days";
            printer.printf("trace %s: checked at load in %.1f s%n", file, (System.nanoTime() - loadStart) / 1e9);
        } else {
            scenarios = scaledDefault();
        }
        printer.printf("%-11s %9s %9s %12s %12s %10s %12s %12s %14s%n", "engine", "VMs", "wall", "events",
                "events/s", "VMs/s", "peak-heap", "live-mean", "live/fleet-VM");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("study", what);
        root.put("processors", Runtime.getRuntime().availableProcessors());
        root.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        root.put("warmupRuns", warmup);
        ArrayNode results = root.putArray("engines");
        for (EngineHandle.Kind engine : engines) {
            for (int i = 0; i < warmup; i++) {
                measure(engine, scenarios, fleetVms);
            }
            Figures f = measure(engine, scenarios, fleetVms);
            printer.printf("%-11s %9d %8.1fs %12d %12.0f %10.0f %11.0fM %11.0fM %13.2fK%n", f.engine(), f.vms(),
                    f.wallSeconds(), f.events(), f.eventsPerSecond(), f.vmsPerSecond(), f.peakHeapBytes() / 1048576.0,
                    f.meanLiveHeapBytes() / 1048576.0, f.meanLiveHeapBytesPerFleetVm() / 1024);
            printer.flush();
            results.add(json.valueToTree(f));
        }
        json.writeValue(out.toFile(), root);
        if (synthetic != null) {
            Files.deleteIfExists(synthetic);
        }
        printer.println("written: " + out.toAbsolutePath());
        printer.flush();
        return 0;
    }

    /** The default study scaled to --vms: arrivals over its first half, one 1 TiB host per 25 VMs. */
    private List<RunConfig> scaledDefault() {
        String sizes = vmMemory == null ? "" : """
                vm-classes = [{ name = "%1$s", memory = %1$s, vcpus = 4, weight = 1 }]
                hosts.memory = %2$s
                """.formatted(vmMemory, 32 * Sizes.parse(vmMemory));
        return StudyLoader.loadString("bench", """
                name = bench
                vms = %d
                arrival { process = poisson, per-hour = %f }
                hosts.count = %d
                """.formatted(vms, vms / 3.0, Math.max(400, vms / 25)) + sizes).runs();
    }

    /**
     * A vmtable replayed for --days, eager and lazy: 5-minute windows, hosts sampled every 6 hours, one 1 TiB host
     * per 1,000 VMs a month (the synthetic mix keeps about 5% of a month's VMs resident at a time, about 12 GiB
     * each, so hosts run about two-thirds full), at least 100.
     */
    private List<RunConfig> traceStudy(Path file, int traceVms) {
        int hosts = (int) Math.max(100, (long) traceVms * 30 / days / 1000);
        return StudyLoader.loadString("bench", """
                name = bench-trace
                vms = %d
                duration = %dd
                window = 5m
                sample-every = 72
                arrival { process = trace, format = azure-vmtable, file = "%s" }
                hosts.count = %d
                """.formatted(traceVms, days, file.toAbsolutePath(), hosts)).runs();
    }

    private static Figures measure(EngineHandle.Kind engine, List<RunConfig> scenarios, int fleetVms) {
        System.gc();
        long start = System.nanoTime();
        long events = 0;
        int vms = 0;
        LiveHeap live = LiveHeap.watch();
        try (EngineHandle handle = EngineHandle.open(engine, null, "127.0.0.1", 1)) {
            for (RunConfig scenario : scenarios) {
                ScenarioResult result = handle.engine().run(scenario, FleetEngine.Progress.NONE);
                events += lastEvents(result);
                vms += result.vms().size();
            }
        } finally {
            live.stop();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Figures(engine.name(), fleetVms, vms, wall, events, events / wall, vms / wall, live.peak(),
                live.mean(), live.max(), live.collections(), (double) live.mean() / fleetVms);
    }

    /** Events all hosts processed, from the last sample of each host. */
    private static long lastEvents(ScenarioResult result) {
        long last = result.samples().stream().mapToLong(HostSimulation.Snapshot::timeNanos).max().orElse(0);
        return result.samples().stream().filter(s -> s.timeNanos() == last)
                .mapToLong(HostSimulation.Snapshot::events).sum();
    }
}
