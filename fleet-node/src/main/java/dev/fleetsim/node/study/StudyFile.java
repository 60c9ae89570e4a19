package dev.fleetsim.node.study;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseable;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * A study file as HOCON: parsed with every include required, and checked to set only keys the defaults in
 * reference.conf have. Problems name the file, the key and what is allowed.
 */
final class StudyFile {

    private StudyFile() {
    }

    /** The study file's own settings, parsed with its includes; refused if it sets nothing. */
    static Config parse(Path file) {
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
        return raw;
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
    static String withoutOrigin(ConfigException e) {
        String message = e.getMessage();
        if (e.origin() != null && message.startsWith(e.origin().description() + ": ")) {
            String rest = message.substring(e.origin().description().length() + 2);
            return e.origin().lineNumber() > 0 ? "line " + e.origin().lineNumber() + ": " + rest : rest;
        }
        return message;
    }

    /** Every key of {@code config} must be a key of {@code allowed}; lists of objects are checked where read. */
    static void checkKnownKeys(String source, String prefix, Config config, Config allowed) {
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

}
