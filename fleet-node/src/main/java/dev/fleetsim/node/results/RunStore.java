package dev.fleetsim.node.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsim.host.BadInputException;
import dev.fleetsim.host.InputValues;
import dev.fleetsim.node.engine.FinishedRun;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.study.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finished runs of a result folder, one folder each under {@code runs/} named by the run's index in the study:
 * {@code vms.csv}, {@code hosts.csv} and, written last, {@code run.json} ({@link RunRecord}) with the rows and
 * checksum of each. A run's folder is written aside and renamed into place, so {@code runs/} only ever holds whole
 * runs and an interrupted sweep resumes from them; one whose files no longer match its run.json is damaged. run.json
 * ends with {@code record_sha256}, the SHA-256 of the record as written without it, so an edited figure makes the
 * run damaged too rather than a different result in the combined files.
 */
public final class RunStore {

    static final String RUN_JSON = "run.json";
    /** run.json's checksum of itself: of the record written without this field. */
    static final String RECORD_SHA256 = "record_sha256";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a result folder holds for one run of the study. */
    public sealed interface Stored {
        /** Nothing: the run has still to run. */
        record Absent() implements Stored {
        }

        /** The run, whole. */
        record Finished() implements Stored {
        }

        /** Something that is not a whole run any more; it is set aside and run again. */
        record Damaged(String reason) implements Stored {
        }
    }

    private final Path resultDir;

    public RunStore(Path resultDir) {
        this.resultDir = resultDir;
    }

    public Path runDir(int index) {
        return resultDir.resolve("runs").resolve(String.format("%04d", index));
    }

    /**
     * What is stored as run {@code index}; a whole run that is not {@code study}'s means the folder holds another
     * sweep, which is not overwritten.
     */
    public Stored stored(int index, RunConfig study) {
        Path dir = runDir(index);
        if (!Files.exists(dir)) {
            return new Stored.Absent();
        }
        Optional<String> damage = damage(dir);
        if (damage.isPresent()) {
            return new Stored.Damaged(damage.get());
        }
        RunRecord stored = read(dir);
        if (!stored.isRunOf(study)) {
            throw new BadInputException(resultDir + " holds results of another study: run " + index
                    + " there is '" + stored.run() + "' (seed " + stored.seed() + ", " + stored.vms()
                    + " VMs), this study's is '" + study.scenario() + "' (seed " + study.seed() + ", "
                    + study.vms() + " VMs) or its config differs; choose another --out");
        }
        return new Stored.Finished();
    }

    /** Moves a damaged run to {@code runs/NNNN.damaged} (replacing an older one), so it can run again. */
    public Path setAside(int index) throws IOException {
        Path dir = runDir(index);
        Path aside = dir.resolveSibling(dir.getFileName() + ".damaged");
        deleteTree(aside);
        Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        return aside;
    }

    public void write(int index, FinishedRun finished) throws IOException {
        ScenarioResult result = finished.result();
        Path dir = runDir(index);
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        RunFiles.writeVms(partial.resolve(RunFiles.VMS), result);
        RunFiles.writeHosts(partial.resolve(RunFiles.HOSTS), result);
        List<RunFileCheck> files = List.of(RunFileCheck.of(partial.resolve(RunFiles.VMS)),
                RunFileCheck.of(partial.resolve(RunFiles.HOSTS)));
        ObjectNode record = JSON.valueToTree(RunRecord.of(finished, files));
        record.put(RECORD_SHA256, checksum(record));
        JSON.writeValue(partial.resolve(RUN_JSON).toFile(), record);
        Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * What is wrong with the run stored in {@code runDir}, if anything: run.json unreadable or edited, a file cut.
     */
    public static Optional<String> damage(Path runDir) {
        Path file = runDir.resolve(RUN_JSON);
        if (!Files.isRegularFile(file)) {
            return Optional.of(RUN_JSON + " is missing");
        }
        ObjectNode tree;
        RunRecord record;
        try {
            tree = tree(file);
            record = record(file, tree);
        } catch (BadInputException e) {
            return Optional.of(RUN_JSON + " is not a run record fleetsim wrote");
        }
        return selfCheck(tree).or(() -> record.damageIn(runDir));
    }

    /** What is wrong with run.json's checksum of itself, if anything. */
    private static Optional<String> selfCheck(ObjectNode tree) {
        JsonNode written = tree.get(RECORD_SHA256);
        if (written == null) {
            return Optional.of(RUN_JSON + " has no " + RECORD_SHA256 + " (written by an older fleetsim)");
        }
        ObjectNode record = tree.deepCopy();
        record.remove(RECORD_SHA256);
        return written.asText().equals(checksum(record)) ? Optional.empty()
                : Optional.of(RUN_JSON + " differs from what was written (" + RECORD_SHA256 + ")");
    }

    /**
     * The SHA-256 of the record as this mapper writes it. A record read back writes the same bytes (the mapper
     * prints each number, NaN included, as it parses it back), so only an edit changes the checksum.
     */
    private static String checksum(ObjectNode record) {
        try {
            return RunFileCheck.sha256(JSON.writeValueAsBytes(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    /** The run's record; one that does not parse is bad input naming the file. */
    public static RunRecord read(Path runDir) {
        Path file = runDir.resolve(RUN_JSON);
        return record(file, tree(file));
    }

    /** The record {@code tree}, read from {@code file}, holds (its checksum aside). */
    private static RunRecord record(Path file, ObjectNode tree) {
        ObjectNode fields = tree.deepCopy();
        fields.remove(RECORD_SHA256);
        try {
            RunRecord record = JSON.treeToValue(fields, RunRecord.class);
            if (record == null || record.run() == null || record.config() == null || record.point() == null
                    || record.summary() == null) {
                throw new BadInputException(file + ": not a run record fleetsim wrote (fields missing)");
            }
            return record;
        } catch (IOException e) {
            throw notARecord(file, e);
        }
    }

    private static ObjectNode tree(Path file) {
        try {
            if (JSON.readTree(file.toFile()) instanceof ObjectNode tree) {
                return tree;
            }
            throw new BadInputException(file + ": not a run record fleetsim wrote (not a JSON object)");
        } catch (IOException e) {
            throw notARecord(file, e);
        }
    }

    private static BadInputException notARecord(Path file, IOException e) {
        return new BadInputException(file + ": not a run record fleetsim wrote (" + InputValues.reason(e) + ")");
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
