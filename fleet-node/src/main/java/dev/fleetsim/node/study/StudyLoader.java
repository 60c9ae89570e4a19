package dev.fleetsim.node.study;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a study (HOCON) over the defaults in {@code reference.conf} ({@code fleetsim.study}) and resolves each of
 * its scenarios into a {@link RunConfig}. Every key must exist in the defaults; every value is checked for type
 * and range. Problems are {@link StudyException}s naming the file, the key and what is allowed.
 */
public final class StudyLoader {

    /** A study: its name, where it came from and its runs (every scenario at every matrix point and replication). */
    public record Study(String name, String source, List<RunConfig> runs) {
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

    private StudyLoader() {
    }

    public static Study load(Path file) {
        return load(file, Overrides.NONE);
    }

    public static Study load(Path file, Overrides overrides) {
        return load(file.toString(), StudyFile.parse(file), file.toAbsolutePath().getParent(), overrides);
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
            // what the typed reads do not name themselves: a bad path, a value of the wrong kind
            throw new StudyException(source, "", StudyFile.withoutOrigin(e));
        }
    }

    private static Study loadChecked(String source, Config raw, Path baseDir, Overrides overrides) {
        Config reference = ConfigFactory.defaultReference().getConfig("fleetsim.study");
        StudyFile.checkKnownKeys(source, "", raw, reference);
        Config study = overrides.onStudy(raw).withFallback(reference);
        try {
            study = study.resolve();
        } catch (ConfigException e) {
            throw new StudyException(source, "", StudyFile.withoutOrigin(e));
        }
        StudyValues top = new StudyValues(source, "", study, baseDir, new HashMap<>());
        String name = top.string("name");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            // it names the default result folder, which must stay under results/
            throw top.error("name", "'" + name + "': allowed letters, digits, '.', '_' and '-', starting with a "
                    + "letter or digit, at most 100");
        }
        BootCheck boots = new BootCheck();
        // the study's own values are checked even where every scenario overrides them
        boots.check(top, RunConfigReader.read(top, name, SweepPoint.single("")));
        List<? extends Config> scenarios = top.configList("scenarios");
        if (scenarios.isEmpty()) {
            throw new StudyException(source, "scenarios", "needs at least one scenario");
        }
        StudyMatrix matrix = StudyMatrix.read(top, reference);
        int replications = top.intIn("matrix.replications", 1, 10_000);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < scenarios.size(); i++) {
            names.add(matrix.checkedScenario(source, i, scenarios.get(i), reference, names));
        }
        List<RunConfig> runs = new ArrayList<>();
        for (StudyMatrix.AtPoint point : matrix.points(study.withoutPath("scenarios").withoutPath("matrix"))) {
            for (Config scenario : scenarios) {
                Config resolved = overrides.onScenario(scenario.withoutPath("name")).withFallback(point.config());
                for (int r = 0; r < replications; r++) {
                    SweepPoint where = new SweepPoint(scenario.getString("name"), point.coordinates(), r,
                            replications);
                    StudyValues values = top.at("scenario '" + where.cell() + "': ", resolved);
                    runs.add(boots.check(values, RunConfigReader.read(values, name, where)));
                }
            }
        }
        for (RunConfig s : runs) {
            if (!s.compareTo().isEmpty() && !names.contains(s.compareTo())) {
                throw new StudyException(source, "scenario '" + s.point().scenario() + "': compare-to",
                        "no scenario '" + s.compareTo() + "'; scenarios: " + String.join(", ", names));
            }
        }
        return new Study(name, source, List.copyOf(runs));
    }
}
