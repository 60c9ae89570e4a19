package dev.fleetsim.node.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.node.fleet.VmPlan;
import dev.fleetsim.node.study.ArrivalProcess;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmTableTraceTest {

    private static final long S = 1_000_000_000L;
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private Path vmtable(String name, String rows) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, rows);
        return file;
    }

    private static String row(String sub, long created, long deleted, String cores, String memory) {
        return "vm" + created + "," + sub + ",dep," + created + "," + deleted + ",90.5,10.1,80.2,Interactive,"
                + cores + "," + memory + "\n";
    }

    @Test
    void rowsBecomeVmsWithBucketBoundsAndTheStudysOpenBuckets() throws IOException {
        vmtable("vmtable.csv", row("a", 0, 2592000, "2", "4") + row("b", 300, 3900, "8", "32")
                + row("c", 600, 1200, ">24", ">64") + row("d", 900, 1500, "1", "0.75"));
        RunConfig study = TraceFiles.study(dir, "format = azure-vmtable, file = vmtable.csv",
                "arrival.open-bucket { vcpus = 40, memory = 256G }");
        assertTrue(((ArrivalProcess.Trace) study.arrival()).inArrivalOrder());
        List<VmPlan> fleet = TraceFiles.fleet(study);
        assertEquals(4, fleet.size());
        VmPlan first = fleet.get(0);
        assertEquals(List.of(0L, 2, 4 * GIB, 0L, 2592000 * S), List.of(first.vmId(), first.vcpus(),
                first.memoryBytes(), first.arrivalNanos(), first.lifetimeNanos()));
        assertEquals(List.of(8, 32 * GIB, 300 * S, 3600 * S), List.of(fleet.get(1).vcpus(),
                fleet.get(1).memoryBytes(), fleet.get(1).arrivalNanos(), fleet.get(1).lifetimeNanos()));
        assertEquals(List.of(40, 256 * GIB), List.of(fleet.get(2).vcpus(), fleet.get(2).memoryBytes()));
        assertEquals(768L << 20, fleet.get(3).memoryBytes(), "0.75 GB is 768 MiB, a size the guest takes");
        assertEquals("4G", first.vmClass());
    }

    @Test
    void anOpenBucketValueNotAboveTheBucketIsRefusedAtLoadNamingTheKey() throws IOException {
        vmtable("vmtable.csv", row("a", 0, 600, "2", "4") + row("a", 0, 600, "2", ">64"));
        StudyException e = assertThrows(StudyException.class, () -> TraceFiles.study(dir,
                "format = azure-vmtable, file = vmtable.csv", "arrival.open-bucket.memory = 64G"));
        assertEquals(dir.resolve("vmtable.csv") + ":2: arrival.open-bucket.memory: 68719476736 bytes stand for "
                + "bucket >64 GB: it must be more than 64G", e.getMessage());
    }

    @Test
    void badRowsAreNamedByFileAndLineWhenTheStudyLoads() throws IOException {
        List<String[]> cases = List.of(
                new String[] {row("a", 0, 600, "2", "4") + "x,a,d,0,600\n", "5 columns, expected 11"},
                new String[] {row("a", 600, 300, "2", "4"), "vmdeleted 300 is not after vmcreated 600"},
                new String[] {row("a", -5, 300, "2", "4"), "vmcreated '-5' is negative: seconds from the "
                        + "trace's start are >= 0"},
                new String[] {"v,a,d,NaN,600,1,1,1,Unknown,2,4\n", "vmcreated 'NaN' is not a number"},
                new String[] {row("a", 0, 600, "two", "4"), "vmcorecountbucket 'two' is not a number"},
                new String[] {row("a", 0, 600, "2", ""), "vmmemorybucket '' is not a number"},
                new String[] {row("a", 0, 600, "0", "4"), "vmcorecountbucket '0': allowed a whole number 1..1024 "
                        + "or an open bucket such as >24"});
        for (String[] c : cases) {
            vmtable("bad.csv", c[0]);
            StudyException e = assertThrows(StudyException.class, () -> TraceFiles.study(dir,
                    "format = azure-vmtable, file = bad.csv", ""));
            int line = c[0].split("\n").length;
            assertEquals(dir.resolve("bad.csv") + ":" + line + ": arrival.file: bad vmtable row ("
                    + VmTableReader.COLUMNS + "): " + c[1], e.getMessage());
        }
    }

    @Test
    void anUnclosedQuoteOrACutGzipIsOneLineNamingTheFile() throws IOException {
        vmtable("quote.csv", row("a", 0, 600, "2", "4") + "v,\"a,d,0,600,1,1,1,Unknown,2,4\n" + row("b", 0, 600, "2",
                "4"));
        StudyException quote = assertThrows(StudyException.class, () -> TraceFiles.study(dir,
                "format = azure-vmtable, file = quote.csv", ""));
        assertEquals(dir.resolve("quote.csv") + ": arrival.file: cannot read it as CSV: (startline 2) EOF reached "
                + "before encapsulated token finished (a field that opens with a quote must close with one)",
                quote.getMessage());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("whole.csv.gz")))) {
            for (int i = 0; i < 2000; i++) {
                out.write(row("a" + i, i, i + 600, "2", "4").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] whole = Files.readAllBytes(dir.resolve("whole.csv.gz"));
        Files.write(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        StudyException cut = assertThrows(StudyException.class, () -> TraceFiles.study(dir,
                "format = azure-vmtable, file = cut.csv.gz", ""));
        assertEquals(dir.resolve("cut.csv.gz") + ": arrival.file: cannot read it as CSV: Unexpected end of ZLIB "
                + "input stream", cut.getMessage());
        Files.writeString(dir.resolve("plain.csv.gz"), row("a", 0, 600, "2", "4"));
        StudyException plain = assertThrows(StudyException.class, () -> TraceFiles.study(dir,
                "format = azure-vmtable, file = plain.csv.gz", ""));
        assertEquals(dir.resolve("plain.csv.gz") + ": arrival.file: cannot read: Not in GZIP format (a .gz table "
                + "must be gzip-compressed)", plain.getMessage());
    }

    @Test
    void aGzippedTableReadsAsThePlainOne() throws IOException {
        String rows = row("a", 0, 600, "2", "4") + row("b", 300, 900, "4", "8");
        vmtable("vmtable.csv", rows);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("vmtable.csv.gz")))) {
            out.write(rows.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(TraceFiles.fleet(TraceFiles.study(dir, "format = azure-vmtable, file = vmtable.csv", "")),
                TraceFiles.fleet(TraceFiles.study(dir, "format = azure-vmtable, file = vmtable.csv.gz", "")));
    }

    @Test
    void aTableOutOfOrderGivesTheFleetOfTheSortedOneInMemoryAndThroughTemporaryRuns() throws IOException {
        new SyntheticTrace(3000, 2, 7).writeVmTable(dir.resolve("sorted.csv"));
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("sorted.csv")));
        Collections.shuffle(lines, new Random(3));
        Files.write(dir.resolve("shuffled.csv"), lines);
        RunConfig sorted = TraceFiles.study(dir, "format = azure-vmtable, file = sorted.csv", "duration = 1d");
        RunConfig shuffled = TraceFiles.study(dir, "format = azure-vmtable, file = shuffled.csv", "duration = 1d");
        ArrivalProcess.Trace trace = (ArrivalProcess.Trace) shuffled.arrival();
        assertFalse(trace.inArrivalOrder());
        List<VmPlan> expected = TraceFiles.fleet(sorted);
        assertTrue(expected.size() > 1000 && expected.size() < 2000, "a day of two: " + expected.size());
        // rows with equal creation times keep file order, so compare without the tie order: by arrival and size
        assertEquals(summary(expected), summary(TraceFiles.fleet(shuffled)));
        assertEquals(summary(expected), summary(TraceFiles.drain(TraceFleet.open(shuffled, trace, 100))));
        assertEquals(TraceFiles.fleet(shuffled), TraceFiles.drain(TraceFleet.open(shuffled, trace, 100)),
                "spilled runs merge to the order sorting in memory gives");
    }

    private static List<String> summary(List<VmPlan> fleet) {
        return fleet.stream().map(v -> v.arrivalNanos() + "/" + v.memoryBytes() + "/" + v.vcpus() + "/"
                + v.lifetimeNanos()).sorted().toList();
    }

    @Test
    void startTimeScaleAndSamplingPickAndMoveTheVms() throws IOException {
        new SyntheticTrace(4000, 4, 11).writeVmTable(dir.resolve("vmtable.csv"));
        List<VmPlan> all = TraceFiles.fleet(TraceFiles.study(dir, "format = azure-vmtable, file = vmtable.csv",
                "duration = 4d"));
        assertEquals(4000, all.size());
        List<VmPlan> half = TraceFiles.fleet(TraceFiles.study(dir, "format = azure-vmtable, file = vmtable.csv, "
                + "sample { one-in = 2, seed = 5 }", "duration = 4d"));
        assertTrue(half.size() > 1200 && half.size() < 2800, "about half the subscriptions: " + half.size());
        assertEquals(half, TraceFiles.fleet(TraceFiles.study(dir, "format = azure-vmtable, file = vmtable.csv, "
                + "sample { one-in = 2, seed = 5 }", "duration = 4d")), "the same seed picks the same VMs");
        assertFalse(half.equals(TraceFiles.fleet(TraceFiles.study(dir, "format = azure-vmtable, "
                + "file = vmtable.csv, sample { one-in = 2, seed = 6 }", "duration = 4d"))));
        // from day 2, ten times faster, for 0.1 day: the trace's day 2 to day 3; those alive at day 2 boot at 0
        List<VmPlan> window = TraceFiles.fleet(TraceFiles.study(dir, "format = azure-vmtable, file = vmtable.csv, "
                + "start = 2d, time-scale = 0.1", "duration = 2.4h"));
        long alive = all.stream().filter(v -> v.arrivalNanos() < 2 * 86400 * S
                && v.arrivalNanos() + v.lifetimeNanos() > 2 * 86400 * S).count();
        long created = all.stream().filter(v -> v.arrivalNanos() >= 2 * 86400 * S
                && v.arrivalNanos() < 3 * 86400 * S).count();
        assertEquals(alive + created, window.size());
        long createdAtStart = all.stream().filter(v -> v.arrivalNanos() == 2 * 86400 * S).count();
        assertEquals(alive + createdAtStart, window.stream().filter(v -> v.arrivalNanos() == 0).count());
        List<String> scaled = window.stream().filter(v -> v.arrivalNanos() > 0)
                .map(v -> (2 * 86400 * S + v.arrivalNanos() * 10) + "/" + v.lifetimeNanos() * 10).sorted().toList();
        List<String> originals = all.stream().filter(v -> v.arrivalNanos() > 2 * 86400 * S
                && v.arrivalNanos() < 3 * 86400 * S).map(v -> v.arrivalNanos() + "/" + v.lifetimeNanos())
                .sorted().toList();
        assertEquals(originals, scaled, "arrivals and lifetimes ten times shorter");
        List<VmPlan> skipped = TraceFiles.fleet(TraceFiles.study(dir, "format = azure-vmtable, file = vmtable.csv, "
                + "start = 2d, time-scale = 0.1, alive-at-start = skip", "duration = 2.4h"));
        assertEquals(created, skipped.size());
    }

    @Test
    void keysForPublishedFormatsAreRefusedForFleetsimsOwnCsv() throws IOException {
        Files.writeString(dir.resolve("own.csv"), "arrival_s,memory,vcpus,lifetime_s\n0,4G,1,60\n");
        StudyException e = assertThrows(StudyException.class, () -> TraceFiles.study(dir,
                "file = own.csv, time-scale = 0.5", ""));
        assertTrue(e.getMessage().endsWith("arrival.format: csv: arrival.start, time-scale and sample read the "
                + "published formats only (azure-vmtable, azure-packing-2020)"), e.getMessage());
    }

    @Test
    void anEmptyTableIsRefusedAsFleetsimsOwnCsvIs() throws IOException {
        vmtable("empty.csv", "");
        StudyException e = assertThrows(StudyException.class, () -> TraceFiles.study(dir,
                "format = azure-vmtable, file = empty.csv", ""));
        assertEquals(dir.resolve("empty.csv") + ": arrival.file: no VMs in the trace (expected a row per VM, no "
                + "header: " + VmTableReader.COLUMNS + ")", e.getMessage());
    }
}
