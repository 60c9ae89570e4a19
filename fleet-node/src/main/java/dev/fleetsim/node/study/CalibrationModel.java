package dev.fleetsim.node.study;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.fleetsim.guest.ModelParameters;
import dev.fleetsim.guest.calibration.BootCalibration;
import dev.fleetsim.guest.calibration.FreeConstant;
import dev.fleetsim.guest.calibration.Measurement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model calibration fits, as study keys: the free constants are keys under {@code model}, each measurement's
 * set-up is its {@code settings} over reference.conf, and a trial point is those values written into that config.
 * So the fitted model is exactly what a study with the printed values would run.
 */
public final class CalibrationModel implements BootCalibration.Parameterisation {

    /** The constants no public source gives, with bounds that keep them physically plausible. */
    public static final List<FreeConstant> FITTED = List.of(
            new FreeConstant("model.guest-cpu.kernel-fixed", "s", 0.05, 60,
                    "a minimal kernel reaches a shell in tens of ms; none spends a minute on size-independent work"),
            new FreeConstant("model.tdx.exit", "us", 1, 50,
                    "published exit-and-AUG round trips are single-digit microseconds"),
            new FreeConstant("model.contention.slope", "", 0, 1,
                    "exits never speed up with company; at 1 each further exiter doubles an exit"),
            new FreeConstant("model.contention.idle-exit-share", "", 0, 1,
                    "an idle vCPU exits no more often than an accepting one"),
            new FreeConstant("model.guest-cpu.hog-work-per-4k", "us", 0, 20,
                    "reading and copying 4K is at most a few microseconds of CPU"),
            new FreeConstant("model.guest-cpu.reclaim-duty", "", 0, 1, "a share of one vCPU"),
            new FreeConstant("model.guest-cpu.touch-floor-per-4k", "us", 0.05, 10,
                    "a guest fills memory at between a few hundred MB/s and a DRAM channel's bandwidth"),
            new FreeConstant("model.bring-up.boot-cpu-allocations-per-ap", "", 0, 200,
                    "an AP's idle task and per-CPU kthreads are tens of allocations, not thousands"));

    private final Config base;
    private final Map<String, Config> setUps = new HashMap<>();

    /** Calibration over {@code base} (reference.conf's study defaults, or a study of the user's). */
    public CalibrationModel(Config base) {
        this.base = base;
    }

    @Override
    public List<FreeConstant> constants() {
        return FITTED;
    }

    /** Each constant's value in {@code base}, in its fitted unit. */
    public double[] current() {
        double[] values = new double[FITTED.size()];
        for (int i = 0; i < values.length; i++) {
            FreeConstant c = FITTED.get(i);
            values[i] = switch (c.unit()) {
                case "s" -> base.getDuration(c.key()).toNanos() / 1e9;
                case "us" -> base.getDuration(c.key()).toNanos() / 1e3;
                default -> base.getDouble(c.key());
            };
        }
        return values;
    }

    @Override
    public ModelParameters model(double[] values, Measurement measurement) {
        Config config = setUp(measurement);
        for (int i = 0; i < values.length; i++) {
            FreeConstant c = FITTED.get(i);
            Object value = c.unit().isEmpty() ? (Object) values[i] : nanos(values[i], c.unit()) + "ns";
            config = config.withValue(c.key(), ConfigValueFactory.fromAnyRef(value));
        }
        return ModelConfig.read(StudyValues.of(measurement.id(), config));
    }

    /**
     * The measured set-up: its settings over the base. A setting must name a key the study knows (a typo would
     * otherwise fit a different set-up than the one measured).
     */
    public Config setUp(Measurement m) {
        return setUps.computeIfAbsent(m.settings(), text -> {
            Config settings;
            try {
                settings = ConfigFactory.parseString(text.replace(';', '\n'));
            } catch (ConfigException e) {
                throw new StudyException(m.id(), "settings", "'" + text + "' is not key = value; ...: "
                        + e.getMessage());
            }
            for (String key : settings.entrySet().stream().map(Map.Entry::getKey).toList()) {
                if (!base.hasPath(key) || !key.startsWith("guest.") && !key.startsWith("model.")
                        && !key.equals("host-mapping")) {
                    throw new StudyException(m.id(), "settings", "unknown key '" + key
                            + "': allowed keys under guest, model and host-mapping");
                }
            }
            return settings.withFallback(base).resolve();
        });
    }

    private static long nanos(double value, String unit) {
        return Math.round(value * (unit.equals("s") ? 1e9 : 1e3));
    }
}
