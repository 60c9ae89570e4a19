package dev.fleetsim.node.study;

import dev.fleetsim.host.BadInputException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseable;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.fleetsim.guest.AcceptancePolicy;
import dev.fleetsim.guest.EfiMemoryMap;
import dev.fleetsim.guest.FirmwareAcceptance;
import dev.fleetsim.guest.GuestMemoryLayout;
import dev.fleetsim.guest.KernelLogMemoryMap;
import dev.fleetsim.guest.MemoryMapException;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.TouchProfile;
import dev.fleetsim.guest.Workload;
import dev.fleetsim.host.HostCapacity;
import dev.fleetsim.host.HostOverheadSettings;
import dev.fleetsim.host.OvercommitPolicy;
import dev.fleetsim.host.PageSize;
import dev.fleetsim.host.Platform;
import dev.fleetsim.host.Sizes;
import dev.fleetsim.node.fleet.FleetGenerator;
import dev.fleetsim.node.trace.TraceCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a study (HOCON) over the defaults in {@code reference.conf} ({@code fleetsim.study}) and resolves each of
 * its scenarios into a {@link StudyConfig}. Every key must exist in the defaults; every value is checked for type
 * and range. Problems are {@link StudyException}s naming the file, the key and what is allowed.
 */
public final class StudyLoader {

    /** A study: its name, where it came from and its scenarios, in file order. */
    public record Study(String name, String source, List<StudyConfig> scenarios) {
    }

    /**
     * Values the command line puts over the study's own, null where it does not: the base seed (replication r
     * runs with seed + r) and every run's VMs, a scenario's own {@code vms} included. They go into the HOCON
     * before it is resolved, so each run's rendered config says what it ran with.
     */
    public record Overrides(Long seed, Integer vms) {
        public static final Overrides NONE = new Overrides(null, null);

        /** The study's top level: seed and VMs. */
        Config onStudy(Config study) {
            return seed == null ? onScenario(study)
                    : onScenario(study).withValue("seed", ConfigValueFactory.fromAnyRef(seed));
        }

        /** A scenario, which may set its own VMs but not the seed. */
        Config onScenario(Config scenario) {
            return vms == null ? scenario : scenario.withValue("vms", ConfigValueFactory.fromAnyRef(vms));
        }
    }

    /** Keys an axis may not vary: they name the study or size the run rather than describe the fleet. */
    private static final Set<String> FIXED_KEYS = Set.of("name", "seed", "vms", "scenarios", "matrix");

    /** The keys under {@code arrival} that only published trace formats read. */
    private static final List<String> PUBLISHED_TRACE_KEYS = List.of("format", "start", "time-scale", "sample",
            "alive-at-start", "open-bucket", "machine");

    /**
     * Bounds that keep a run finite on one node: every window visits the hosts, and every host is held for the
     * whole run, so a mistyped duration or host count would otherwise run for hours or exhaust the heap.
     */
    private static final long MAX_WINDOWS = 1_000_000;
    private static final int MAX_HOSTS = 100_000;

    private StudyLoader() {
    }

    public static Study load(Path file) {
        return load(file, Overrides.NONE);
    }

    public static Study load(Path file, Overrides overrides) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new StudyException(source, "", "is a folder; expected a study file (HOCON)");
        }
        if (!Files.isRegularFile(file)) {
            throw new StudyException(source, "", "no such study file");
        }
        Config raw;
        try {
            raw = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
                    .setIncluder(new RequiredIncludes()));
        } catch (ConfigException.Parse e) {
            throw new StudyException(source, "", "not valid HOCON: " + e.getMessage());
        } catch (ConfigException e) {
            throw new StudyException(source, "", withoutOrigin(e));
        }
        if (raw.root().isEmpty()) {
            throw new StudyException(source, "", "the study file sets nothing; a study needs at least a name "
                    + "(see config/studies/ for examples; no file at all runs the default study)");
        }
        return load(source, raw, file.toAbsolutePath().getParent(), overrides);
    }

    /**
     * Includes as the study names them, relative to the including file, and each one required: HOCON's own
     * includer skips a missing file silently, which would run a study other than the one written.
     */
    private static final class RequiredIncludes implements ConfigIncluder {
        @Override
        public ConfigIncluder withFallback(ConfigIncluder fallback) {
            return this;
        }

        @Override
        public ConfigObject include(ConfigIncludeContext context, String what) {
            ConfigParseable included = context.relativeTo(what);
            if (included == null) {
                throw new ConfigException.Generic("include \"" + what + "\": no such file");
            }
            try {
                return included.parse(context.parseOptions().setAllowMissing(false));
            } catch (ConfigException.IO e) {
                throw new ConfigException.Generic("include \"" + what + "\": no such file (a path relative to "
                        + "the including file, with its extension)");
            }
        }
    }

    /** The library's message without its "file: line: " prefix, which the study's own message gives once. */
    private static String withoutOrigin(ConfigException e) {
        String message = e.getMessage();
        if (e.origin() != null && message.startsWith(e.origin().description() + ": ")) {
            String rest = message.substring(e.origin().description().length() + 2);
            return e.origin().lineNumber() > 0 ? "line " + e.origin().lineNumber() + ": " + rest : rest;
        }
        return message;
    }

    /** A study given as HOCON text (relative files resolve against the working directory). */
    public static Study loadString(String source, String hocon) {
        try {
            return load(source, ConfigFactory.parseString(hocon), Path.of("."), Overrides.NONE);
        } catch (ConfigException.Parse e) {
            throw new StudyException(source, "", "not valid HOCON: " + e.getMessage());
        }
    }

    /** The default study: reference.conf alone. */
    public static Study defaults() {
        return defaults(Overrides.NONE);
    }

    public static Study defaults(Overrides overrides) {
        return load("default study (reference.conf)", ConfigFactory.parseString("name = default"), Path.of("."),
                overrides);
    }

    static Study load(String source, Config raw, Path baseDir, Overrides overrides) {
        try {
            return loadChecked(source, raw, baseDir, overrides);
        } catch (ConfigException e) {
            // what the typed reads below do not name themselves: a bad path, a value of the wrong kind
            throw new StudyException(source, "", withoutOrigin(e));
        }
    }

    private static Study loadChecked(String source, Config raw, Path baseDir, Overrides overrides) {
        Config reference = ConfigFactory.defaultReference().getConfig("fleetsim.study");
        checkKnownKeys(source, "", raw, reference);
        Config study = overrides.onStudy(raw).withFallback(reference);
        try {
            study = study.resolve();
        } catch (ConfigException e) {
            throw new StudyException(source, "", withoutOrigin(e));
        }
        Map<ArrivalProcess.Trace, ArrivalProcess.Trace> checkedTraces = new HashMap<>();
        Values top = new Values(source, "", study, baseDir, checkedTraces);
        String name = top.string("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            // it names the default result folder, which must stay under results/
            throw top.error("name", "'" + name + "': allowed letters, digits, '.', '_' and '-', starting with a "
                    + "letter or digit, at most 100");
        }
        BootCheck boots = new BootCheck();
        // the study's own values are checked even where every scenario overrides them
        boots.check(top, read(top, name, SweepPoint.single("")));
        List<? extends Config> list = top.configList("scenarios");
        if (list.isEmpty()) {
            throw new StudyException(source, "scenarios", "needs at least one scenario");
        }
        List<Axis> axes = axes(top, reference);
        int replications = top.intIn("matrix.replications", 1, 10_000);
        Config base = study.withoutPath("scenarios").withoutPath("matrix");
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < list.size(); i++) {
            names.add(checkedScenario(source, i, list.get(i), reference, axes, names));
        }
        List<StudyConfig> runs = new ArrayList<>();
        for (List<Point> point : points(axes)) {
            Config atPoint = base;
            List<SweepPoint.Coordinate> coordinates = new ArrayList<>();
            for (Point p : point) {
                atPoint = atPoint.withValue(p.key(), p.value());
                coordinates.add(new SweepPoint.Coordinate(p.key(), render(p.value())));
            }
            for (Config scenario : list) {
                Config resolved = overrides.onScenario(scenario.withoutPath("name")).withFallback(atPoint);
                for (int r = 0; r < replications; r++) {
                    SweepPoint where = new SweepPoint(scenario.getString("name"), List.copyOf(coordinates), r,
                            replications);
                    Values values = new Values(source, "scenario '" + where.cell() + "': ", resolved, baseDir,
                            checkedTraces);
                    runs.add(boots.check(values, read(values, name, where)));
                }
            }
        }
        for (StudyConfig s : runs) {
            if (!s.compareTo().isEmpty() && !names.contains(s.compareTo())) {
                throw new StudyException(source, "scenario '" + s.point().scenario() + "': compare-to",
                        "no scenario '" + s.compareTo() + "'; scenarios: " + String.join(", ", names));
            }
        }
        return new Study(name, source, List.copyOf(runs));
    }

    /** One axis of the matrix: a config key and the values it takes, in file order. */
    private record Axis(String key, List<ConfigValue> values) {
    }

    /** An axis at one of its values. */
    private record Point(String key, ConfigValue value) {
    }

    private static List<Axis> axes(Values top, Config reference) {
        List<? extends Config> list = top.configList("matrix.axes");
        List<Axis> axes = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < list.size(); i++) {
            Values axis = top.nested("matrix.axes[" + i + "].", list.get(i));
            checkOnly(axis, Set.of("key", "values"));
            String key = axis.string("key");
            String root = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (FIXED_KEYS.contains(root) || !isSetting(reference, key)) {
                throw axis.error("key", "'" + key + "' is not a key an axis can vary: any setting of the study "
                        + "except " + String.join(", ", new TreeSet<>(FIXED_KEYS)) + " (e.g. policy, platform, "
                        + "host-mapping, guest.unit-size, hosts.overcommit)");
            }
            if (!seen.add(key)) {
                throw axis.error("key", "'" + key + "' is already an axis");
            }
            List<ConfigValue> values = axis.read("values", p -> List.copyOf(axis.config().getList(p)));
            if (values.isEmpty()) {
                throw axis.error("values", "needs at least one value");
            }
            Set<String> names = new TreeSet<>();
            for (ConfigValue value : values) {
                if (!names.add(render(value))) {
                    // runs are named by the rendered value: two values of one name would be one cell twice
                    throw axis.error("values", "'" + render(value) + "' is there twice (as runs name it: "
                            + "1.0 and 1 are one value)");
                }
            }
            axes.add(new Axis(key, values));
        }
        return axes;
    }

    /** Whether {@code key} names one setting of the reference (not a section, and a well-formed path at all). */
    private static boolean isSetting(Config reference, String key) {
        try {
            return reference.hasPath(key) && reference.getValue(key).valueType() != ConfigValueType.OBJECT;
        } catch (ConfigException.BadPath e) {
            return false;
        }
    }

    /** The cartesian product of the axes, the first axis varying slowest; one empty point without axes. */
    private static List<List<Point>> points(List<Axis> axes) {
        List<List<Point>> points = List.of(List.of());
        for (Axis axis : axes) {
            List<List<Point>> next = new ArrayList<>();
            for (List<Point> prefix : points) {
                for (ConfigValue value : axis.values()) {
                    List<Point> point = new ArrayList<>(prefix);
                    point.add(new Point(axis.key(), value));
                    next.add(point);
                }
            }
            points = next;
        }
        return points;
    }

    /** An axis value as HOCON reads it: 128G stays 128G, sev-snp stays unquoted, 1.0 becomes 1. */
    private static String render(ConfigValue value) {
        return switch (value.valueType()) {
            case STRING, NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
            default -> value.render(ConfigRenderOptions.concise());
        };
    }

    /** A scenario's own keys are known, it has a unique name, and it leaves the matrix's keys to the matrix. */
    private static String checkedScenario(String source, int index, Config scenario, Config reference,
                                          List<Axis> axes, Set<String> names) {
        String where = "scenarios[" + index + "]";
        checkKnownKeys(source, where + ".", scenario,
                reference.withoutPath("scenarios").withoutPath("seed").withoutPath("matrix"));
        if (!scenario.hasPath("name")) {
            throw new StudyException(source, where, "a scenario needs a name");
        }
        String scenarioName;
        try {
            scenarioName = scenario.getString("name");
        } catch (ConfigException.WrongType e) {
            throw new StudyException(source, where + ".name", "must be a string, the scenario's name");
        }
        if (names.contains(scenarioName)) {
            throw new StudyException(source, where + ".name", "duplicate scenario name '" + scenarioName + "'");
        }
        for (Axis axis : axes) {
            if (scenario.hasPath(axis.key())) {
                throw new StudyException(source, where + "." + axis.key(),
                        "is a matrix axis; a scenario must not set it too");
            }
        }
        return scenarioName;
    }

    private static StudyConfig read(Values v, String study, SweepPoint point) {
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
        return new StudyConfig(study, point.runName(), v.read("seed", v.config::getLong) + point.replication(),
                v.intIn("vms", 1, 100_000_000),
                duration, window, v.intIn("sample-every", 1, 1_000_000), vmClasses(v), arrival(v), lifetime(v),
                workload(v), v.parse("platform", Platform::parse), v.parse("policy", AcceptancePolicy::parse), model,
                hosts(v), placement(v), v.string("compare-to"), point,
                recorded(v.config));
    }

    private static List<VmClass> vmClasses(Values v) {
        List<? extends Config> list = v.configList("vm-classes");
        if (list.isEmpty()) {
            throw v.error("vm-classes", "needs at least one class");
        }
        List<VmClass> classes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Values c = v.nested("vm-classes[" + i + "].", list.get(i));
            checkOnly(c, Set.of("name", "memory", "memory-map", "vcpus", "weight"));
            EfiMemoryMap map = c.config.hasPath("memory-map") ? memoryMap(v, c) : null;
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
    private static EfiMemoryMap memoryMap(Values v, Values c) {
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
    private static long mappedMemory(Values c, EfiMemoryMap map) {
        long mapped = map.describedBytes();
        if (c.config.hasPath("memory") && c.bytes("memory") != mapped) {
            throw c.error("memory", Sizes.format(c.bytes("memory")) + " but its memory-map describes "
                    + Sizes.format(mapped) + " (" + mapped + " bytes); leave memory out or make them agree");
        }
        return mapped;
    }

    private static ArrivalProcess arrival(Values v) {
        return switch (v.choice("arrival.process", "storm", "poisson", "trace")) {
            case "storm" -> new ArrivalProcess.Storm();
            case "poisson" -> new ArrivalProcess.Poisson(v.doubleIn("arrival.per-hour", 1e-9, 1e12));
            default -> {
                Path file = v.existingFile("arrival.file", "trace");
                TraceFormat format = traceFormat(v);
                TraceReading reading = traceReading(v);
                if (!format.published()) {
                    if (reading.startSeconds() != 0 || reading.timeScale() != 1 || reading.sampleOneIn() != 1) {
                        throw v.error("arrival.format", "csv: arrival.start, time-scale and sample read the "
                                + "published formats only (azure-vmtable, azure-packing-2020)");
                    }
                    ArrivalProcess.Trace csv = new ArrivalProcess.Trace(file, format, reading, true);
                    yield v.checkedTraces.computeIfAbsent(csv, t -> {
                        FleetGenerator.checkTrace(file);
                        return t;
                    });
                }
                ArrivalProcess.Trace unchecked = new ArrivalProcess.Trace(file, format, reading, false);
                // scenarios of one study share their trace: it is read through once
                yield v.checkedTraces.computeIfAbsent(unchecked, t -> new ArrivalProcess.Trace(file, format,
                        reading, TraceCheck.inArrivalOrder(t)));
            }
        };
    }

    private static TraceFormat traceFormat(Values v) {
        String key = v.choice("arrival.format", Arrays.stream(TraceFormat.values()).map(TraceFormat::key)
                .toArray(String[]::new));
        return Arrays.stream(TraceFormat.values()).filter(f -> f.key().equals(key)).findFirst().orElseThrow();
    }

    private static TraceReading traceReading(Values v) {
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
                v.config.getLong("arrival.sample.seed"),
                v.choice("arrival.alive-at-start", "boot", "skip").equals("boot"),
                v.intIn("arrival.open-bucket.vcpus", 1, 1024), openMemory,
                v.read("arrival.machine.id", v.config::getLong), v.intIn("arrival.machine.cores", 1, 100_000),
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

    private static Lifetimes lifetime(Values v) {
        return switch (v.choice("lifetime.distribution", "azure-2019", "fixed")) {
            case "azure-2019" -> new Lifetimes.Azure2019();
            default -> new Lifetimes.Fixed(v.positiveNanos("lifetime.fixed"));
        };
    }

    private static Workload workload(Values v) {
        return switch (v.choice("workload.type", "profile", "memory-hog", "trace")) {
            case "profile" -> new Workload.Profile(new TouchProfile(v.doubleIn("workload.touched-fraction", 0, 1),
                    v.parse("workload.ramp", TouchProfile.Ramp::parse), v.nonNegativeNanos("workload.ramp-time"),
                    v.intIn("workload.points", 1, 10_000)));
            case "memory-hog" -> {
                long chunk = v.bytes("workload.chunk");
                if (chunk < (4L << 20)) {
                    throw v.error("workload.chunk", "must be at least 4M");
                }
                yield new Workload.MemoryHog(v.intIn("workload.workers", 1, 100_000),
                        v.doubleIn("workload.target-fraction", 1e-9, 1), chunk);
            }
            default -> TouchTraceFile.read(v.baseDir.resolve(v.string("workload.file")), v.source);
        };
    }

    private static HostInventory hosts(Values v) {
        long memory = v.bytes("hosts.memory");
        if (memory <= 0) {
            throw v.error("hosts.memory", "must be > 0");
        }
        OvercommitPolicy policy = switch (v.choice("hosts.on-overcommit", "refuse-placement", "count-pressure")) {
            case "refuse-placement" -> OvercommitPolicy.REFUSE_PLACEMENT;
            default -> OvercommitPolicy.COUNT_PRESSURE;
        };
        return new HostInventory(v.intIn("hosts.count", 1, MAX_HOSTS), new HostCapacity(memory,
                v.intIn("hosts.cores", 1, 100_000), v.doubleIn("hosts.overcommit", 1.0, 100.0), policy),
                overhead(v));
    }

    private static HostOverheadSettings overhead(Values v) {
        return new HostOverheadSettings(v.parse("hosts.pamt", HostOverheadSettings.Pamt::parse),
                v.bytes("hosts.overhead.pamt-entry"), v.intIn("hosts.overhead.dynamic-pamt-bitmap-bits", 0, 64),
                v.bytes("hosts.overhead.dynamic-pamt-pair"), v.bytes("hosts.overhead.rmp-entry"),
                v.bool("hosts.overhead.sept-mirror"), v.bytes("hosts.overhead.vmm-fixed"),
                v.bytes("hosts.overhead.vmm-per-gib"));
    }

    private static PlacementPolicy placement(Values v) {
        PlacementPolicy.Fit fit = v.choice("placement.policy", "first-fit", "best-fit").equals("first-fit")
                ? PlacementPolicy.Fit.FIRST_FIT : PlacementPolicy.Fit.BEST_FIT;
        PlacementPolicy.Basis basis = v.choice("placement.basis", "configured", "committed").equals("configured")
                ? PlacementPolicy.Basis.CONFIGURED : PlacementPolicy.Basis.COMMITTED;
        return new PlacementPolicy(fit, basis);
    }

    /** Every key of {@code config} must be a key of {@code allowed}; lists of objects are checked where read. */
    private static void checkKnownKeys(String source, String prefix, Config config, Config allowed) {
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            String path = e.getKey();
            if (allowed.hasPathOrNull(path)) {
                continue;
            }
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
            Config scope = parent.isEmpty() ? allowed : allowed.hasPath(parent) && allowed.getValue(parent)
                    .valueType() == ConfigValueType.OBJECT ? allowed.getConfig(parent) : allowed;
            throw new StudyException(source, prefix + path, "unknown key; allowed"
                    + (parent.isEmpty() ? "" : " under " + parent) + ": " + String.join(", ",
                    new TreeSet<>(scope.root().keySet())));
        }
    }

    private static void checkOnly(Values v, Set<String> keys) {
        for (String key : v.config.root().keySet()) {
            if (!keys.contains(key)) {
                throw v.error(key, "unknown key; allowed: " + String.join(", ", new TreeSet<>(keys)));
            }
        }
    }

    /** Typed reads from one config, each failure turned into a {@link StudyException} naming the key. */
    record Values(String source, String prefix, Config config, Path baseDir,
                  Map<ArrivalProcess.Trace, ArrivalProcess.Trace> checkedTraces) {

        /** Reads of a config that names no files (the model's keys). */
        static Values of(String source, Config config) {
            return new Values(source, "", config, Path.of("."), new java.util.HashMap<>());
        }

        Values nested(String morePrefix, Config inner) {
            return new Values(source, prefix + morePrefix, inner, baseDir, checkedTraces);
        }

        StudyException error(String path, String problem) {
            return new StudyException(source, prefix + path, problem);
        }

        <T> T read(String path, Function<String, T> reader) {
            try {
                return reader.apply(path);
            } catch (ConfigException.Missing e) {
                throw error(path, "missing");
            } catch (ConfigException e) {
                // the library says "<origin>: <line>: <path> has type ..."; keep what follows the path
                String message = withoutOrigin(e);
                int at = message.indexOf(path + " ");
                throw error(path, at >= 0 ? message.substring(at + path.length() + 1) : message);
            }
        }

        <T> T parse(String path, Function<String, T> parser) {
            String text = string(path);
            try {
                return parser.apply(text);
            } catch (BadInputException | IllegalArgumentException e) {
                throw error(path, e.getMessage());
            }
        }

        String string(String path) {
            return read(path, config::getString);
        }

        /** The file {@code path} names, relative to the study's folder; a missing one is the study's error. */
        Path existingFile(String path, String what) {
            Path file = baseDir.resolve(string(path));
            if (!Files.isRegularFile(file)) {
                throw error(path, "no such " + what + " file: " + file);
            }
            return file;
        }

        String choice(String path, String... allowed) {
            String value = string(path);
            for (String a : allowed) {
                if (a.equals(value)) {
                    return a;
                }
            }
            throw error(path, "'" + value + "': allowed " + String.join(", ", allowed));
        }

        boolean bool(String path) {
            return read(path, config::getBoolean);
        }

        long bytes(String path) {
            return read(path, config::getBytes);
        }

        long nanos(String path) {
            return read(path, p -> config.getDuration(p).toNanos());
        }

        long nonNegativeNanos(String path) {
            long nanos = nanos(path);
            if (nanos < 0) {
                throw error(path, "must not be negative, was " + string(path));
            }
            return nanos;
        }

        long positiveNanos(String path) {
            long nanos = nanos(path);
            if (nanos <= 0) {
                throw error(path, "must be a positive duration, was " + string(path));
            }
            return nanos;
        }

        int intIn(String path, int min, int max) {
            int value = read(path, config::getInt);
            // the library truncates 10.5 to 10; a count that is not whole is a typo, not a request
            if (config.getValue(path).unwrapped() instanceof Number n && n.doubleValue() != value) {
                throw error(path, n + " is not a whole number; allowed " + min + ".." + max);
            }
            if (value < min || value > max) {
                throw error(path, value + " is out of range: allowed " + min + ".." + max);
            }
            return value;
        }

        double doubleIn(String path, double min, double max) {
            double value = read(path, config::getDouble);
            if (!(value >= min && value <= max)) {
                throw error(path, value + " is out of range: allowed " + min + ".." + max);
            }
            return value;
        }

        List<? extends Config> configList(String path) {
            return read(path, config::getConfigList);
        }
    }
}
