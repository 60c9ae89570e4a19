package dev.fleetsim.node.study;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.EfiMemoryMap;
import dev.fleetsim.guest.GuestMemoryLayout;
import dev.fleetsim.guest.KernelLogMemoryMap;
import dev.fleetsim.guest.MemoryMapException;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.TouchProfile;
import dev.fleetsim.guest.Workload;
import dev.fleetsim.host.HostCapacity;
import dev.fleetsim.host.Names;
import dev.fleetsim.host.HostOverheadSettings;
import dev.fleetsim.host.OvercommitPolicy;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.Sizes;
import dev.fleetsim.node.fleet.FleetGenerator;
import dev.fleetsim.node.trace.TraceCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One run's configuration read from its resolved settings: the domain objects a run is made of (VM classes,
 * arrivals, lifetimes, workload, hosts, placement, the model) with every value checked, and every file the run
 * will read (traces, memory maps, touch traces) opened and checked now, so an engine never meets unchecked input.
 */
final class RunConfigReader {

    /** The keys under {@code arrival} that only published trace formats read. */
    private static final List<String> PUBLISHED_TRACE_KEYS = List.of("format", "start", "time-scale", "sample",
            "alive-at-start", "open-bucket", "machine");

    /**
     * Bounds that keep a run finite on one node: every window visits the hosts, and every host is held for the
     * whole run, so a mistyped duration or host count would otherwise run for hours or exhaust the heap.
     */
    private static final long MAX_WINDOWS = 1_000_000;
    private static final int MAX_HOSTS = 100_000;

    private RunConfigReader() {
    }

    /** The run of study {@code study} at {@code point} whose settings {@code v} reads. */
    static RunConfig read(StudyValues v, String study, SweepPoint point) {
        long duration = v.positiveNanos("duration");
        long window = v.positiveNanos("window");
        if (window > duration) {
            throw v.error("window", "must not be longer than duration");
        }
        long windows = Sizes.ceilDiv(duration, window);
        if (windows > MAX_WINDOWS) {
            throw v.error("duration", v.string("duration") + " in windows of " + v.string("window") + " is more than "
                    + MAX_WINDOWS + " windows, the most a run may have: a longer window or a shorter duration");
        }
        ModelParameters model = ModelConfig.read(v);
        return new RunConfig(study, point.runName(), v.read("seed", v.config()::getLong) + point.replication(),
                v.intIn("vms", 1, 100_000_000), duration, window, v.intIn("sample-every", 1, 1_000_000),
                vmClasses(v), arrival(v), lifetime(v), workload(v), v.named("platform", Names.of(Platform.class)),
                v.parse("policy", AcceptancePolicy::parse), model, hosts(v), placement(v), v.string("compare-to"),
                point, recorded(v.config()));
    }

    private static List<VmClass> vmClasses(StudyValues v) {
        List<? extends Config> list = v.configList("vm-classes");
        if (list.isEmpty()) {
            throw v.error("vm-classes", "needs at least one class");
        }
        List<VmClass> classes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            StudyValues c = v.nested("vm-classes[" + i + "].", list.get(i));
            c.onlyKeys(Set.of("name", "memory", "memory-map", "vcpus", "weight"));
            EfiMemoryMap map = c.config().hasPath("memory-map") ? memoryMap(v, c) : null;
            long memory = map != null ? mappedMemory(c, map) : c.bytes("memory");
            if (map == null && !GuestMemoryLayout.validSize(memory)) {
                throw c.error("memory", "must be " + GuestMemoryLayout.SIZE_RULE);
            }
            classes.add(new VmClass(c.string("name"), memory, c.intIn("vcpus", 1, 1024),
                    c.doubleIn("weight", 0, Double.MAX_VALUE), map));
        }
        for (int i = 0; i < classes.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (classes.get(i).name().equals(classes.get(j).name())) {
                    throw v.error("vm-classes[" + i + "].name", "'" + classes.get(i).name() + "' is also the name "
                            + "of vm-classes[" + j + "]; results are per class, so each needs its own name");
                }
            }
        }
        if (classes.stream().mapToDouble(VmClass::weight).sum() <= 0) {
            throw v.error("vm-classes", "every weight is 0; at least one class needs a weight > 0");
        }
        return List.copyOf(classes);
    }

    /**
     * Class {@code c}'s own firmware map: a kernel log with {@code efi=debug}, relative to the study's folder. Only
     * classes VMs are drawn from can have one ({@code v}: the scenario), not those of a trace, which sizes each VM.
     */
    private static EfiMemoryMap memoryMap(StudyValues v, StudyValues c) {
        if (v.string("arrival.process").equals("trace")) {
            throw c.error("memory-map", "a trace gives each VM its own size, so no VM is drawn from this class; "
                    + "a memory map needs arrival.process = storm or poisson");
        }
        Path file = c.existingFile("memory-map", "memory map");
        try {
            return KernelLogMemoryMap.read(file);
        } catch (IOException e) {
            throw c.error("memory-map", "cannot read " + file + ": " + TextFiles.readFailure(e));
        } catch (MemoryMapException e) {
            throw c.error("memory-map", e.getMessage());
        }
    }

    /** The memory a map describes; a class that also states its memory must state the same. */
    private static long mappedMemory(StudyValues c, EfiMemoryMap map) {
        long mapped = map.describedBytes();
        if (c.config().hasPath("memory") && c.bytes("memory") != mapped) {
            throw c.error("memory", Sizes.format(c.bytes("memory")) + " but its memory-map describes "
                    + Sizes.format(mapped) + " (" + mapped + " bytes); leave memory out or make them agree");
        }
        return mapped;
    }

    private static ArrivalProcess arrival(StudyValues v) {
        return switch (v.choice("arrival.process", "storm", "poisson", "trace")) {
            case "storm" -> new ArrivalProcess.Storm();
            case "poisson" -> new ArrivalProcess.Poisson(v.doubleIn("arrival.per-hour", 1e-9, 1e12));
            default -> {
                Path file = v.existingFile("arrival.file", "trace");
                TraceFormat format = v.named("arrival.format", Names.of(TraceFormat.class));
                TraceReading reading = traceReading(v);
                if (!format.published()) {
                    if (reading.startSeconds() != 0 || reading.timeScale() != 1 || reading.sampleOneIn() != 1) {
                        throw v.error("arrival.format", "csv: arrival.start, time-scale and sample read the "
                                + "published formats only (azure-vmtable, azure-packing-2020)");
                    }
                    ArrivalProcess.Trace csv = new ArrivalProcess.Trace(file, format, reading, true);
                    yield v.checkedTraces().computeIfAbsent(csv, t -> {
                        FleetGenerator.checkTrace(file);
                        return t;
                    });
                }
                ArrivalProcess.Trace unchecked = new ArrivalProcess.Trace(file, format, reading, false);
                // scenarios of one study share their trace: it is read through once
                yield v.checkedTraces().computeIfAbsent(unchecked, t -> new ArrivalProcess.Trace(file, format,
                        reading, TraceCheck.inArrivalOrder(t)));
            }
        };
    }

    private static TraceReading traceReading(StudyValues v) {
        long openMemory = v.bytes("arrival.open-bucket.memory");
        if (!GuestMemoryLayout.validSize(openMemory)) {
            throw v.error("arrival.open-bucket.memory", "must be " + GuestMemoryLayout.SIZE_RULE);
        }
        long machineMemory = v.bytes("arrival.machine.memory");
        if (machineMemory < (128L << 20)) {
            throw v.error("arrival.machine.memory", "must be at least 128M");
        }
        TraceReading reading = new TraceReading(v.nanos("arrival.start") / 1e9,
                v.doubleIn("arrival.time-scale", 1e-6, 1e6), v.intIn("arrival.sample.one-in", 1, 1_000_000_000),
                v.config().getLong("arrival.sample.seed"),
                v.choice("arrival.alive-at-start", "boot", "skip").equals("boot"),
                v.intIn("arrival.open-bucket.vcpus", 1, 1024), openMemory,
                v.read("arrival.machine.id", v.config()::getLong), v.intIn("arrival.machine.cores", 1, 100_000),
                machineMemory);
        if (reading.startSeconds() < 0) {
            throw v.error("arrival.start", "must not be negative (trace time: packing traces' negative start "
                    + "times are VMs alive at 0; see arrival.alive-at-start)");
        }
        return reading;
    }

    /**
     * The resolved scenario as recorded in its results. The keys that read published traces are left out of runs
     * that read none, so the results of studies written before those formats existed stay as they were.
     */
    private static String recorded(Config scenario) {
        Config kept = scenario;
        if (scenario.getString("arrival.format").equals(TraceFormat.CSV.key())) {
            for (String key : PUBLISHED_TRACE_KEYS) {
                kept = kept.withoutPath("arrival." + key);
            }
        }
        return kept.root().render(ConfigRenderOptions.concise());
    }

    private static Lifetimes lifetime(StudyValues v) {
        return switch (v.choice("lifetime.distribution", "azure-2019", "fixed")) {
            case "azure-2019" -> new Lifetimes.Azure2019();
            default -> new Lifetimes.Fixed(v.positiveNanos("lifetime.fixed"));
        };
    }

    private static Workload workload(StudyValues v) {
        return switch (v.choice("workload.type", "profile", "memory-hog", "trace")) {
            case "profile" -> new Workload.Profile(new TouchProfile(v.doubleIn("workload.touched-fraction", 0, 1),
                    v.named("workload.ramp", Names.of(TouchProfile.Ramp.class)), v.nonNegativeNanos("workload.ramp-time"),
                    v.intIn("workload.points", 1, 10_000)));
            case "memory-hog" -> {
                long chunk = v.bytes("workload.chunk");
                if (chunk < (4L << 20)) {
                    throw v.error("workload.chunk", "must be at least 4M");
                }
                yield new Workload.MemoryHog(v.intIn("workload.workers", 1, 100_000),
                        v.doubleIn("workload.target-fraction", 1e-9, 1), chunk);
            }
            default -> TouchTraceFile.read(v.baseDir().resolve(v.string("workload.file")), v.source());
        };
    }

    private static HostInventory hosts(StudyValues v) {
        long memory = v.bytes("hosts.memory");
        if (memory <= 0) {
            throw v.error("hosts.memory", "must be > 0");
        }
        OvercommitPolicy policy = v.named("hosts.on-overcommit", Names.of(OvercommitPolicy.class));
        return new HostInventory(v.intIn("hosts.count", 1, MAX_HOSTS), new HostCapacity(memory,
                v.intIn("hosts.cores", 1, 100_000), v.doubleIn("hosts.overcommit", 1.0, 100.0), policy),
                overhead(v));
    }

    private static HostOverheadSettings overhead(StudyValues v) {
        return new HostOverheadSettings(v.named("hosts.pamt", Names.of(HostOverheadSettings.Pamt.class)),
                v.bytes("hosts.overhead.pamt-entry"), v.intIn("hosts.overhead.dynamic-pamt-bitmap-bits", 0, 64),
                v.bytes("hosts.overhead.dynamic-pamt-pair"), v.bytes("hosts.overhead.rmp-entry"),
                v.bool("hosts.overhead.sept-mirror"), v.bytes("hosts.overhead.vmm-fixed"),
                v.bytes("hosts.overhead.vmm-per-gib"));
    }

    private static PlacementPolicy placement(StudyValues v) {
        return new PlacementPolicy(v.named("placement.policy", Names.of(PlacementPolicy.Fit.class)),
                v.named("placement.basis", Names.of(PlacementPolicy.Basis.class)));
    }
}
