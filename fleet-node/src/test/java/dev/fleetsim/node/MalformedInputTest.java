package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.guest.KernelLogMemoryMap;
import dev.fleetsim.guest.calibration.MeasurementFile;
import dev.fleetsim.host.BadInputException;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.study.StudyLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated malformed inputs for the study loader, every CSV reader, the published traces (Azure vmtable, packing
 * SQLite), a study's memory map and a result folder a user damaged: each either loads (a trace study then also
 * runs) or is refused with a {@link BadInputException} of one line (which the command line turns into exit 2);
 * never another exception, never a hang, never a silently different result. The generator is seeded, so a failure
 * names the input that caused it and reproduces.
 */
class MalformedInputTest {

    /** Fixed, so a failure reproduces; -Dfuzz.seed=N explores other inputs. */
    private static final long SEED = Long.getLong("fuzz.seed", 15);
    private static final int CASES = 150;
    /** Text that breaks values and syntax: NaN, infinities, fractions, signs, huge numbers, quotes, brackets. */
    private static final List<String> JUNK = List.of("NaN", "-Infinity", "Infinity", "-1", "0", "1.5", "1e400",
            "99999999999999999999", "", "\"", "{", "}", "[", "]", ",", "=", "abc", "4Q", "-4G", "0x10", "..", "${x}",
            "include \"nowhere.conf\"", "\n", "#", "8T", "0.0000001", "9T", "1024", "1025", "-0");

    @TempDir
    Path dir;

    private final SplittableRandom random = new SplittableRandom(SEED);

    private String junk() {
        return JUNK.get(random.nextInt(JUNK.size()));
    }

    /** {@code text} with one to three of its tokens (split at spaces, commas and line ends) replaced by junk. */
    private String mutate(String text) {
        List<String> tokens = new ArrayList<>(List.of(text.split("(?<=[ ,\\n])|(?=[ ,\\n])")));
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(tokens.size());
            if (random.nextBoolean()) {
                tokens.set(at, junk());
            } else {
                tokens.add(at, junk());
            }
        }
        return String.join("", tokens);
    }

    private interface Reader {
        void read(String input) throws Exception;
    }

    private interface Load {
        void run() throws Exception;
    }

    private void assertLoadsOrSaysOneLine(String what, String valid, Reader reader) {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            reader.read(valid);
            int refused = 0;
            for (int i = 0; i < CASES; i++) {
                String input = mutate(valid);
                if (refusedInOneLine(what, input, () -> reader.read(input))) {
                    refused++;
                }
            }
            assertFalse(refused == 0, what + ": no generated input was refused; the generator does nothing");
        });
    }

    /**
     * Runs {@code load} on one generated input, which {@code input} shows: true if it was refused with one line,
     * false if it loaded; anything else fails the test.
     */
    private static boolean refusedInOneLine(String what, String input, Load load) {
        try {
            load.run();
            return false;
        } catch (BadInputException e) {
            String message = e.getMessage();
            assertEquals(1, message.strip().lines().count(), what + " input:\n" + input + "\nmessage: " + message);
            assertFalse(message.contains("Exception"), what + " input:\n" + input + "\nmessage: " + message);
            return true;
        } catch (Exception | Error e) {
            throw new AssertionError(what + ": not a one-line refusal for input:\n" + input, e);
        }
    }

    @Test
    void studyLoader() {
        assertLoadsOrSaysOneLine("study", SweepCommandTest.SMALL_SWEEP, text -> {
            Path file = dir.resolve("fuzz.conf");
            Files.writeString(file, text);
            StudyLoader.load(file);
        });
    }

    @Test
    void arrivalTrace() {
        String trace = "arrival_s,memory,vcpus,lifetime_s\n0,4G,1,60\n30,8G,2,3600\n";
        assertLoadsOrSaysOneLine("arrival trace", trace, text -> {
            Files.writeString(dir.resolve("arrivals.csv"), text);
            Studies.load(dir, "trace", "arrival { process = trace, file = arrivals.csv }\n");
        });
    }

    @Test
    void touchTrace() {
        String touch = "time_s,touched\n0,0\n60,1G\n120,2G\n";
        assertLoadsOrSaysOneLine("touch trace", touch, text -> {
            Files.writeString(dir.resolve("touch.csv"), text);
            Studies.load(dir, "touch", "workload { type = trace, file = touch.csv }\n");
        });
    }

    @Test
    void measurementFile() throws Exception {
        String valid = Files.readString(Path.of("..", "config", "validation", "example.csv"));
        assertLoadsOrSaysOneLine("measurements", valid,
                text -> MeasurementFile.parse("m.csv", new StringReader(text)));
    }

    @Test
    void kernelLogMemoryMap() {
        String log = """
                efi: mem00: [Conventional|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000000000-0x000000000009ffff] (0MB)
                efi: mem01: [Reserved    |   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x00000000000a0000-0x00000000000fffff] (0MB)
                efi: mem02: [Conventional|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000100000-0x000000007fffffff] (2047MB)
                efi: mem03: [Unaccepted  |   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000100000000-0x000000017fffffff] (2048MB)
                """;
        assertLoadsOrSaysOneLine("memory map", log,
                text -> KernelLogMemoryMap.parse("dmesg.txt", List.of(text.split("\n"))));
    }

    @Test
    void azureVmTable() throws Exception {
        // a dozen rows of the shipped sample: every size bucket it uses, the open ones (>24, >64) among them
        String rows = String.join("\n", Files.readAllLines(Path.of("..", "config", "traces",
                "azure-vmtable-sample.csv")).subList(0, 12)) + "\n";
        assertLoadsOrSaysOneLine("azure vmtable", rows, text -> {
            Files.writeString(dir.resolve("vmtable.csv"), text);
            loadAndRun(Studies.load(dir, "vmtable", "duration = 2d\nwindow = 10m\narrival { process = trace, "
                    + "format = azure-vmtable, file = vmtable.csv, open-bucket { vcpus = 32, memory = 128G } }\n"
                    + "scenarios = [ { name = lazy, policy = lazy } ]\n"));
        });
    }

    @Test
    void studyMemoryMap() throws Exception {
        // the shipped guest log: its efi: memNN lines are mutated, the lines around them kept, and the study reads
        // the file where its class names it (the loader boots the class's guest on it, so a map that parses but
        // cannot boot is reached too)
        List<String> log = Files.readAllLines(Path.of("..", "config", "memory-maps", "tdx-4g-efi-debug.log"));
        String before = String.join("\n", log.subList(0, 4)) + "\n";
        String after = String.join("\n", log.subList(15, log.size())) + "\n";
        assertTrue(log.subList(4, 15).stream().allMatch(line -> line.contains("efi: mem")), "lines 5..15 are the map");
        String map = String.join("\n", log.subList(4, 15)) + "\n";
        assertLoadsOrSaysOneLine("study memory map", map, text -> {
            Files.writeString(dir.resolve("guest.log"), before + text + after);
            Studies.load(dir, "map", "vms = 20\nvm-classes = [ { name = own, memory-map = guest.log, vcpus = 2, "
                    + "weight = 1 } ]\nscenarios = [ { name = lazy, policy = lazy } ]\n");
        });
    }

    @Test
    void azureVmTableGzipWithDamagedBytes() throws Exception {
        // the shipped sample's first 100 rows, gzipped as Azure publishes the table; then cut or overwritten
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(packed)) {
            out.write((String.join("\n", Files.readAllLines(Path.of("..", "config", "traces",
                    "azure-vmtable-sample.csv")).subList(0, 100)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] valid = packed.toByteArray();
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            int refused = 0;
            for (int i = 0; i < PACKING_CASES; i++) {
                String name = "damaged" + i + ".csv.gz";
                String how = damageBytes(valid, dir.resolve(name));
                if (refusedInOneLine("vmtable.csv.gz", name + " " + how, () -> loadAndRun(Studies.load(dir, "gz",
                        "duration = 2d\nwindow = 10m\narrival { process = trace, format = azure-vmtable, file = "
                        + name + ", open-bucket { vcpus = 32, memory = 128G } }\n"
                        + "scenarios = [ { name = lazy, policy = lazy } ]\n")))) {
                    refused++;
                }
            }
            assertFalse(refused == 0, "no damaged vmtable.csv.gz was refused; the generator does nothing");
        });
    }

    @Test
    void shippedTraceStudies() throws Exception {
        // the keys only trace studies have (format, start, time-scale, sample, alive-at-start, open-bucket,
        // machine), mutated in the shipped studies beside copies of their sample traces
        Files.createDirectories(dir.resolve("traces"));
        for (String trace : List.of("azure-vmtable-sample.csv", "azure-packing-2020-sample.sqlite")) {
            Files.copy(Path.of("..", "config", "traces", trace), dir.resolve("traces").resolve(trace));
        }
        for (String study : List.of("azure-vmtable", "azure-packing-2020")) {
            String text = Files.readString(Path.of("..", "config", study + ".conf"));
            // without the comment lines, so that junk lands in keys and values
            String keys = String.join("\n", text.lines().filter(l -> !l.startsWith("#")).toList()) + "\n";
            assertLoadsOrSaysOneLine(study + " study", keys, input -> Studies.load(dir, study, input));
        }
    }

    /** The files of a finished result folder a user may damage: a run's own files and the combined ones. */
    private static final List<String> RESULT_FILES = List.of("runs/0000/run.json", "runs/0001/run.json",
            "runs/0000/vms.csv", "runs/0001/hosts.csv", "summary.json", "summary.csv", "cells.csv", "vms.csv",
            "hosts.csv");
    private static final int RESULT_CASES = 36;
    private static final String TINY_STUDY = """
            name = tiny
            vms = 6
            duration = 10m
            hosts { count = 2 }
            scenarios = [
              { name = eager, policy = eager-firmware }
              { name = lazy, policy = lazy }
            ]
            """;

    @Test
    void damagedResultFolder() throws Exception {
        StudyLoader.Study tiny = Studies.load(dir, "tiny", TINY_STUDY);
        Path whole = Studies.runTo(new SequentialEngine(), tiny, dir.resolve("whole"));
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            int refused = 0;
            for (int i = 0; i < RESULT_CASES; i++) {
                String file = RESULT_FILES.get(random.nextInt(RESULT_FILES.size()));
                Path folder = copy(whole, dir.resolve("case" + i));
                String damage = damage(folder.resolve(file));
                String what = "result folder, " + file + " " + damage;
                refused += reportOrSweepRestores(what, whole, folder, List.of("report", folder.toString()));
                refused += reportOrSweepRestores(what, whole, folder, List.of("sweep", dir.resolve("tiny.conf")
                        .toString(), "--parallel", "1", "--out", folder.toString()));
            }
            assertFalse(refused == 0, "no damaged folder was refused; the generator does nothing");
        });
    }

    /**
     * Damages {@code file}: deleted, cut at a seeded byte, one of its numbers edited (the file still parses, so
     * only a checksum can tell), or junk in place of some of its tokens; says how.
     */
    private String damage(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int kind = random.nextInt(4);
        if (kind == 3 && random.nextBoolean()) {
            Files.delete(file);
            return "deleted";
        }
        if (kind == 0) {
            int at = random.nextInt(bytes.length);
            Files.write(file, Arrays.copyOf(bytes, at));
            return "cut to " + at + " of " + bytes.length + " bytes";
        }
        List<MatchResult> numbers = Pattern.compile("\\b\\d+\\b").matcher(text)
                .results().toList();
        if (kind == 1 && !numbers.isEmpty()) {
            MatchResult n = numbers.get(random.nextInt(numbers.size()));
            String edited = text.substring(0, n.start()) + (Long.parseLong(n.group()) + 1) + text.substring(n.end());
            Files.writeString(file, edited);
            return "with " + n.group() + " at char " + n.start() + " made " + (Long.parseLong(n.group()) + 1);
        }
        String mutated = mutate(text);
        Files.writeString(file, mutated);
        return "mutated to:\n" + mutated;
    }

    /**
     * Runs the command on the damaged folder: it either restores the undamaged results (a damaged run is found and
     * run again; combined files are written afresh) or is refused with exit 2 and one line naming the folder.
     * Returns 1 for a refusal.
     */
    private static int reportOrSweepRestores(String what, Path whole, Path folder, List<String> command)
            throws IOException {
        SweepCommandTest.Outcome o = SweepCommandTest.fleetsim(command.toArray(String[]::new));
        String context = what + "\n" + command.get(0) + " said (exit " + o.status() + "):\n" + o.err();
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), context);
        if (o.status() == 0) {
            try {
                Studies.assertSameResults(whole, folder);
            } catch (AssertionError e) {
                throw new AssertionError("silently different results: " + context, e);
            }
            return 0;
        }
        assertEquals(2, o.status(), context);
        String last = o.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("fleetsim " + command.get(0) + ": ") && last.contains(folder.toString()),
                context);
        return 1;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static final Path PACKING = Path.of("..", "config", "traces", "azure-packing-2020-sample.sqlite");
    private static final int PACKING_CASES = 40;
    /** Values a damaged or hand-edited packing trace may hold: NULL, text, infinities (9e999), signs, extremes. */
    private static final List<String> SQL_JUNK = List.of("NULL", "'NaN'", "'abc'", "''", "9e999", "-9e999", "-1",
            "-0.5", "0", "1e-300", "1.5", "2", "1e308", "-1e308", "9223372036854775807", "-9223372036854775808",
            "x'00ff'");
    private static final List<String> VM_COLUMNS = List.of("vmId", "tenantId", "vmTypeId", "priority", "starttime",
            "endtime");
    private static final List<String> VM_TYPE_COLUMNS = List.of("vmTypeId", "machineId", "core", "memory");

    /** A study of the packing trace {@code file} in {@code dir}, as the shipped study reads the sample. */
    private static void loadPacking(Path dir, String file) {
        loadAndRun(Studies.load(dir, "packing", "vms = 1000\nduration = 12h\nwindow = 10m\nhosts.count = 40\n"
                + "arrival { process = trace, format = azure-packing-2020, file = " + file + ", machine { id = 0, "
                + "cores = 48, memory = 384G } }\nscenarios = [ { name = lazy, policy = lazy } ]\n"));
    }

    /**
     * Runs a trace study that loaded: a row the check at load let through must not fail the run either. A dozen
     * to a few hundred VMs in 10-minute windows take milliseconds.
     */
    private static void loadAndRun(StudyLoader.Study study) {
        Studies.run(new SequentialEngine(), study);
    }

    @Test
    void packingTraceWithDamagedBytes() throws Exception {
        byte[] valid = Files.readAllBytes(PACKING);
        Files.write(dir.resolve("valid.sqlite"), valid);
        loadPacking(dir, "valid.sqlite");
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            int refused = 0;
            for (int i = 0; i < PACKING_CASES; i++) {
                String name = "damaged" + i + ".sqlite";
                String how = damageBytes(valid, dir.resolve(name));
                if (refusedInOneLine("packing trace", name + " " + how, () -> loadPacking(dir, name))) {
                    refused++;
                }
            }
            assertFalse(refused == 0, "no damaged packing trace was refused; the generator does nothing");
        });
    }

    /** Writes {@code valid} to {@code file} cut at a seeded byte or with a few runs of bytes overwritten; says how. */
    private String damageBytes(byte[] valid, Path file) throws IOException {
        if (random.nextInt(4) == 0) {
            int at = random.nextInt(valid.length);
            Files.write(file, Arrays.copyOf(valid, at));
            return "cut to " + at + " of " + valid.length + " bytes";
        }
        byte[] bytes = valid.clone();
        StringBuilder how = new StringBuilder("overwritten at");
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = random.nextInt(bytes.length);
            int length = 1 + random.nextInt(16);
            for (int k = at; k < Math.min(bytes.length, at + length); k++) {
                bytes[k] = (byte) random.nextInt(256);
            }
            how.append(' ').append(at).append('+').append(length);
        }
        Files.write(file, bytes);
        return how.toString();
    }

    @Test
    void packingTraceWithBadValues() throws Exception {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            int refused = 0;
            for (int i = 0; i < PACKING_CASES; i++) {
                String name = "edited" + i + ".sqlite";
                Files.copy(PACKING, dir.resolve(name));
                String updates = editValues(dir.resolve(name));
                if (refusedInOneLine("packing trace", name + " after " + updates, () -> loadPacking(dir, name))) {
                    refused++;
                }
            }
            assertFalse(refused == 0, "no edited packing trace was refused; the generator does nothing");
        });
    }

    /** Sets one to three fields of the trace's tables to junk by SQL UPDATE; returns the statements. */
    private String editValues(Path file) throws SQLException {
        List<String> updates = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = db.createStatement()) {
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                boolean vm = random.nextBoolean();
                List<String> columns = vm ? VM_COLUMNS : VM_TYPE_COLUMNS;
                String update = "UPDATE " + (vm ? "vm" : "vmType") + " SET "
                        + columns.get(random.nextInt(columns.size())) + " = "
                        + SQL_JUNK.get(random.nextInt(SQL_JUNK.size())) + " WHERE rowid = "
                        + (1 + random.nextInt(vm ? 600 : 60));
                sql.executeUpdate(update);
                updates.add(update);
            }
        }
        return String.join("; ", updates);
    }
}
