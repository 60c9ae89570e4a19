package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.node.engine.FleetEngine;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.results.ResultWriter;
import dev.fleetsim.node.study.RunConfig;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        for (RunConfig scenario : study.runs()) {
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

    /**
     * The keys of run.json that say how a run was executed, not what it computed: they differ between sweeps, and
     * so does record_sha256, run.json's checksum of itself, which covers them.
     */
    static final List<String> EXECUTION_KEYS = List.of("node", "wall_s", "record_sha256");

    /**
     * Asserts that two result folders hold the same files byte for byte, run.json files but for {@link
     * #EXECUTION_KEYS}; returns the run.json files of {@code actual}, parsed.
     */
    static List<JsonNode> assertSameResults(Path expected, Path actual) throws IOException {
        for (String file : List.of("summary.json", "summary.csv", "cells.csv", "vms.csv", "hosts.csv")) {
            assertEquals(read(expected.resolve(file)), read(actual.resolve(file)), file);
        }
        List<Path> want = ResultWriter.finishedRuns(expected);
        assertEquals(want.stream().map(Path::getFileName).toList(),
                ResultWriter.finishedRuns(actual).stream().map(Path::getFileName).toList(), "runs");
        List<JsonNode> runs = new ArrayList<>();
        for (Path run : want) {
            Path other = actual.resolve("runs").resolve(run.getFileName());
            for (String file : List.of("vms.csv", "hosts.csv")) {
                assertEquals(read(run.resolve(file)), read(other.resolve(file)), other.resolve(file).toString());
            }
            ObjectNode wanted = (ObjectNode) JSON.readTree(run.resolve("run.json").toFile());
            ObjectNode got = (ObjectNode) JSON.readTree(other.resolve("run.json").toFile());
            runs.add(got.deepCopy());
            wanted.remove(EXECUTION_KEYS);
            got.remove(EXECUTION_KEYS);
            assertEquals(wanted, got, other.resolve("run.json").toString());
        }
        return runs;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
