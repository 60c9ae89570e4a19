package dev.fleetsim.node.results;

import dev.fleetsim.host.BadInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleetsim.node.engine.FinishedRun;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.study.StudyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Finished runs of a result folder, one folder each under {@code runs/} named by the run's index in the study:
 * {@code run.json} ({@link RunRecord}), {@code vms.csv} and {@code hosts.csv}. A run's folder is written aside and
 * renamed into place, so {@code runs/} only ever holds whole runs and an interrupted sweep resumes from them.
 */
public final class RunStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path resultDir;

    public RunStore(Path resultDir) {
        this.resultDir = resultDir;
    }

    public Path runDir(int index) {
        return resultDir.resolve("runs").resolve(String.format("%04d", index));
    }

    /**
     * Whether run {@code index} is stored and is {@code study}'s; a different run stored under that index means the
     * folder holds another sweep, which is not overwritten.
     */
    public boolean finished(int index, StudyConfig study) {
        Path dir = runDir(index);
        if (!Files.isRegularFile(dir.resolve("run.json"))) {
            return false;
        }
        RunRecord stored = read(dir);
        if (!stored.isRunOf(study)) {
            throw new BadInputException(resultDir + " holds results of another study: run " + index
                    + " there is '" + stored.run() + "' (seed " + stored.seed() + ", " + stored.vms()
                    + " VMs), this study's is '" + study.scenario() + "' (seed " + study.seed() + ", "
                    + study.vms() + " VMs) or its config differs; choose another --out");
        }
        return true;
    }

    public void write(int index, FinishedRun finished) throws IOException {
        ScenarioResult result = finished.result();
        Path dir = runDir(index);
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        JSON.writeValue(partial.resolve("run.json").toFile(), RunRecord.of(finished));
        RunFiles.writeVms(partial.resolve(RunFiles.VMS), result);
        RunFiles.writeHosts(partial.resolve(RunFiles.HOSTS), result);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    public static RunRecord read(Path runDir) {
        try {
            return JSON.readValue(runDir.resolve("run.json").toFile(), RunRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runDir.resolve("run.json"), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
