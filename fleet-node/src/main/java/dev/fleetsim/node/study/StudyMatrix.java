package dev.fleetsim.node.study;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A study's matrix: the settings its axes vary and the values each takes. Every scenario runs at every point of
 * it (and each point once per replication); an axis value names the runs at it, so two values that render alike
 * are refused.
 */
final class StudyMatrix {

    /** Keys an axis may not vary: they name the study or size the run rather than describe the fleet. */
    private static final Set<String> FIXED_KEYS = Set.of("name", "seed", "vms", "scenarios", "matrix");


    /** One axis of the matrix: a config key and the values it takes, in file order. */
    private record Axis(String key, List<ConfigValue> values) {
    }

    /** An axis at one of its values. */
    private record Point(String key, ConfigValue value) {
    }

    /** The study's settings at a point of the matrix, and the point's coordinates. */
    record AtPoint(Config config, List<SweepPoint.Coordinate> coordinates) {
    }

    private final List<Axis> axes;

    private StudyMatrix(List<Axis> axes) {
        this.axes = List.copyOf(axes);
    }

    /** The matrix of {@code top} ({@code matrix.axes}), each axis a setting of {@code reference}. */
    static StudyMatrix read(StudyValues top, Config reference) {
        List<? extends Config> list = top.configList("matrix.axes");
        List<Axis> axes = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < list.size(); i++) {
            StudyValues axis = top.nested("matrix.axes[" + i + "].", list.get(i));
            axis.onlyKeys(Set.of("key", "values"));
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
        return new StudyMatrix(axes);
    }

    /** Whether {@code key} names one setting of the reference (not a section, and a well-formed path at all). */
    private static boolean isSetting(Config reference, String key) {
        try {
            return reference.hasPath(key) && reference.getValue(key).valueType() != ConfigValueType.OBJECT;
        } catch (ConfigException.BadPath e) {
            return false;
        }
    }

    /**
     * {@code base} at every point of the matrix, with the point's coordinates: the cartesian product of the axes,
     * the first axis varying slowest; {@code base} alone without axes.
     */
    List<AtPoint> points(Config base) {
        List<AtPoint> result = new ArrayList<>();
        for (List<Point> point : product()) {
            Config atPoint = base;
            List<SweepPoint.Coordinate> coordinates = new ArrayList<>();
            for (Point p : point) {
                atPoint = atPoint.withValue(p.key(), p.value());
                coordinates.add(new SweepPoint.Coordinate(p.key(), render(p.value())));
            }
            result.add(new AtPoint(atPoint, List.copyOf(coordinates)));
        }
        return result;
    }

    private List<List<Point>> product() {
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

    /**
     * Scenario {@code index}'s name, once its own keys are known, its name is not among {@code names}, and it
     * leaves the matrix's keys to the matrix.
     */
    String checkedScenario(String source, int index, Config scenario, Config reference, Set<String> names) {
        String where = "scenarios[" + index + "]";
        StudyFile.checkKnownKeys(source, where + ".", scenario,
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
}
