package dev.fleetsim.node;

import static dev.fleetsim.node.SweepCommandTest.fleetsim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.node.SweepCommandTest.Outcome;
import dev.fleetsim.node.results.ResultFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result folder never loses or mixes data: damaged runs rerun, foreign folders refused, one sweep at a time. */
class ResultFolderTest {

    private static final List<String> COMBINED = List.of("summary.json", "summary.csv", "cells.csv", "vms.csv",
            "hosts.csv");

    @TempDir
    Path dir;

    private Path study;
    private Path out;

    @BeforeEach
    void prepareFinishedSweep() throws IOException {
        study = dir.resolve("small-sweep.conf");
        Files.writeString(study, SweepCommandTest.SMALL_SWEEP);
        out = dir.resolve("out");
        Outcome first = sweep(out);
        assertEquals(0, first.status(), first.err());
    }

    private Outcome sweep(Path into) {
        return fleetsim("sweep", study.toString(), "--parallel", "2", "--out", into.toString());
    }

    private List<String> combined() {
        return COMBINED.stream().map(f -> Studies.read(out.resolve(f))).toList();
    }

    private static void cutToLines(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file);
        Files.writeString(file, String.join("\n", all.subList(0, lines)) + "\n");
    }

    @Test
    void aRunCutAtALineBoundaryIsRunAgainAndTheCombinedFilesComeBackWhole() throws IOException {
        List<String> whole = combined();
        cutToLines(out.resolve("runs/0003/vms.csv"), 5);
        Outcome again = sweep(out);
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("run 0003 ('lazy[hosts.memory=256G]#2') is damaged (vms.csv has 4 rows, "
                + "run.json says 40)"), again.err());
        assertTrue(again.err().contains("7 of 8 runs already finished"), again.err());
        assertEquals(whole, combined());
        assertTrue(Files.isDirectory(out.resolve("runs/0003.damaged")), "the damaged run is kept aside");
    }

    @Test
    void aMissingRunFileIsRunAgain() throws IOException {
        List<String> whole = combined();
        Files.delete(out.resolve("runs/0001/hosts.csv"));
        Outcome again = sweep(out);
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("is damaged (hosts.csv is missing)"), again.err());
        assertEquals(whole, combined());
    }

    @Test
    void reportRefusesADamagedRunByNameAndKeepsTheLastGoodCombinedFiles() throws IOException {
        List<String> whole = combined();
        cutToLines(out.resolve("runs/0002/vms.csv"), 1);
        Outcome report = fleetsim("report", out.toString());
        assertEquals(2, report.status(), report.err());
        assertEquals(1, report.err().strip().lines().count(), report.err());
        assertTrue(report.err().contains("runs/0002: damaged run (vms.csv has 0 rows, run.json says 40)"),
                report.err());
        assertEquals(whole, combined());
    }

    @Test
    void aCorruptRunJsonIsDamagedNotAStackTrace() throws IOException {
        Files.writeString(out.resolve("runs/0000/run.json"), "{}");
        Outcome report = fleetsim("report", out.toString());
        assertEquals(2, report.status(), report.err());
        assertTrue(report.err().contains("runs/0000: damaged run (run.json is not a run record fleetsim wrote)"),
                report.err());
        Files.writeString(out.resolve("runs/0000/run.json"), "");
        assertEquals(2, fleetsim("report", out.toString()).status());
    }

    @Test
    void aFolderWithTheUsersOwnFilesIsRefusedUntouched() throws IOException {
        Path own = dir.resolve("mine");
        Files.createDirectories(own);
        Files.writeString(own.resolve("vms.csv"), "my,own\n");
        Files.writeString(own.resolve("notes.txt"), "keep\n");
        Outcome o = sweep(own);
        assertEquals(2, o.status(), o.err());
        assertEquals("fleetsim sweep: --out " + own + ": holds files fleetsim did not write (notes.txt); choose a "
                + "new folder or one of this study", o.err().strip());
        assertEquals("my,own\n", Files.readString(own.resolve("vms.csv")));
    }

    @Test
    void outAtARegularFileIsRefusedBeforeAnyRun() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Outcome o = sweep(file);
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().startsWith("fleetsim sweep: --out " + file + ": is a file"), o.err());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aSmallerStudyIsRefusedInTheFullStudysFolder() throws IOException {
        List<String> whole = combined();
        Files.writeString(study, SweepCommandTest.SMALL_SWEEP.replace("values = [256G, 1T]", "values = [256G]"));
        Outcome o = sweep(out);
        assertEquals(2, o.status(), o.err());
        assertTrue(o.err().contains("holds results of another study"), o.err());
        assertEquals(whole, combined());
    }

    @Test
    void twoSweepsCannotShareAFolder() {
        try (ResultFolder held = ResultFolder.take(out, 8)) {
            Outcome o = sweep(out);
            assertEquals(2, o.status(), o.err());
            assertTrue(o.err().contains("another fleetsim run or sweep is writing there"), o.err());
        }
        assertEquals(0, sweep(out).status(), "free again once the first lets go");
    }

    @Test
    void aFinishedRunRecordsItsFilesRowsAndChecksums() throws IOException {
        String record = Files.readString(out.resolve("runs/0000/run.json"));
        assertTrue(record.contains("\"name\" : \"vms.csv\""), record);
        assertTrue(record.contains("\"rows\" : 40"), record);
        assertTrue(record.matches("(?s).*\"sha256\" : \"[0-9a-f]{64}\".*"), record);
        assertFalse(Files.exists(out.resolve(".combined.partial")));
    }

    @Test
    void anEditedFigureInRunJsonIsDamagedNotASilentlyDifferentResult() throws IOException {
        List<String> whole = combined();
        Path record = out.resolve("runs/0001/run.json");
        String text = Files.readString(record);
        String edited = text.replaceFirst("\"placed\" : 40", "\"placed\" : 39");
        assertFalse(edited.equals(text), text);
        Files.writeString(record, edited);
        Outcome report = fleetsim("report", out.toString());
        assertEquals(2, report.status(), report.err());
        assertTrue(report.err().contains("runs/0001: damaged run (run.json differs from what was written (record_sha256))"),
                report.err());
        Outcome again = sweep(out);
        assertEquals(0, again.status(), again.err());
        assertEquals(whole, combined());
    }

    @Test
    void aRunFolderWithoutItsRunJsonIsDamagedNotLeftOutOfTheReport() throws IOException {
        List<String> whole = combined();
        Files.delete(out.resolve("runs/0000/run.json"));
        Outcome report = fleetsim("report", out.toString());
        assertEquals(2, report.status(), report.err());
        assertTrue(report.err().contains("runs/0000: damaged run (run.json is missing)"), report.err());
        assertEquals(whole, combined(), "the combined files still hold run 0000");
        Outcome again = sweep(out);
        assertEquals(0, again.status(), again.err());
        assertEquals(whole, combined());
    }
}
