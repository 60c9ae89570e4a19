package dev.fleetsim.node.study;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.fleetsim.host.BadInputException;
import dev.fleetsim.host.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed reads from one config, each failure turned into a {@link StudyException} naming the key. Files it names
 * resolve against {@code baseDir}, the study's folder; {@code checkedTraces} are the study's traces already
 * checked, which its runs share.
 */
record StudyValues(String source, String prefix, Config config, Path baseDir,
                   Map<ArrivalProcess.Trace, ArrivalProcess.Trace> checkedTraces) {

    /** Reads of a config that names no files (the model's keys). */
    static StudyValues of(String source, Config config) {
        return new StudyValues(source, "", config, Path.of("."), new HashMap<>());
    }

    /** Reads of another config of the same study (a run's), its keys named after {@code newPrefix}. */
    StudyValues at(String newPrefix, Config other) {
        return new StudyValues(source, newPrefix, other, baseDir, checkedTraces);
    }

    StudyValues nested(String morePrefix, Config inner) {
        return new StudyValues(source, prefix + morePrefix, inner, baseDir, checkedTraces);
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
            String message = StudyFile.withoutOrigin(e);
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

    /** The value {@code path} names among {@code names}. */
    <T> T named(String path, Names<T> names) {
        return parse(path, names::parse);
    }

    /** Which of {@code allowed} {@code path} picks. */
    String choice(String path, String... allowed) {
        return named(path, Names.of(allowed));
    }

    /** The config has no keys but {@code keys}; lists of objects are checked so where they are read. */
    void onlyKeys(Set<String> keys) {
        for (String key : config.root().keySet()) {
            if (!keys.contains(key)) {
                throw error(key, "unknown key; allowed: " + String.join(", ", new TreeSet<>(keys)));
            }
        }
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
