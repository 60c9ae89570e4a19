package dev.fleetsim.node;

import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.study.StudyConfig;
import dev.fleetsim.node.study.StudyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers for tests that write a study file, run it on an engine and read the result files back. */
final class Studies {

    private Studies() {
    }

    static StudyLoader.Study load(Path dir, String name, String hocon) {
        try {
            Path file = dir.resolve(name + ".conf");
            Files.writeString(file, hocon);
            return StudyLoader.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ScenarioResult> run(FleetEngine engine, StudyLoader.Study study) {
        List<ScenarioResult> results = new ArrayList<>();
        for (StudyConfig scenario : study.scenarios()) {
            results.add(engine.run(scenario, FleetEngine.Progress.NONE));
        }
        return results;
    }

    /** Runs the study and writes its result files into {@code out}; returns the folder. */
    static Path runTo(FleetEngine engine, StudyLoader.Study study, Path out) {
        try {
            new StudyRunner(engine, 1, new PrintWriter(Writer.nullWriter())).run(study, out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
