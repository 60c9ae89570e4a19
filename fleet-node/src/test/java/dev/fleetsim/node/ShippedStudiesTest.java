package dev.fleetsim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.engine.SequentialEngine;
import dev.fleetsim.node.results.FleetOverhead;
import dev.fleetsim.node.results.Percentiles;
import dev.fleetsim.node.results.ScenarioSummary;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.StudyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The studies in config/ say what they claim. */
class ShippedStudiesTest {

    private static final Path CONFIG = Path.of("..", "config");
    /** The size every shipped study is checked at: enough VMs for each claim, small enough for CI. */
    private static final int REDUCED_VMS = 200;

    private static ScenarioSummary run(RunConfig scenario) {
        ScenarioResult result = new SequentialEngine().run(scenario, (t, a, n) -> { });
        return ScenarioSummary.of(result);
    }

    /** Every run of a shipped study at (at most) {@code vms} VMs, by run name. */
    private static Map<String, ScenarioSummary> runs(String file, int vms) {
        Map<String, ScenarioSummary> byName = new LinkedHashMap<>();
        for (RunConfig run : reduced(file, vms).runs()) {
            byName.put(run.scenario(), run(run));
        }
        return byName;
    }

    /** A shipped study with at most {@code vms} VMs in its runs (shipped studies give every run the same). */
    private static StudyLoader.Study reduced(String file, int vms) {
        int own = StudyLoader.load(CONFIG.resolve(file)).runs().get(0).vms();
        return StudyLoader.load(CONFIG.resolve(file), new StudyLoader.Overrides(null, Math.min(vms, own)));
    }

    static List<Path> shippedStudies() throws IOException {
        try (var files = Files.list(CONFIG)) {
            return files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
    }

    /** What .ci/run checks of every shipped study: it sweeps at a reduced size and its report renders. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedStudies")
    void everyShippedStudySweepsAtReducedSizeAndReports(Path study, @TempDir Path out) throws Exception {
        int vms = StudyLoader.load(study).runs().get(0).vms();
        List<String> args = new ArrayList<>(List.of("sweep", study.toString(), "--out", out.toString()));
        if (vms > REDUCED_VMS) {
            args.addAll(List.of("--vms", String.valueOf(REDUCED_VMS)));
        }
        SweepCommandTest.Outcome o = SweepCommandTest.fleetsim(args.toArray(String[]::new));
        assertEquals(0, o.status(), o.err());
        int runs = StudyLoader.load(study).runs().size();
        assertEquals(1 + runs, Files.readAllLines(out.resolve("summary.csv")).size());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<figure id=\"chart-boot-distribution\">") && html.endsWith("</html>\n"),
                "report written whole");
        ReportPage.checkData(out);
        ReportPage.checkRendered(out, HeadlessChromium.find(out));
    }

    @Test
    void bootStormSlowsEagerBootsAsMoreGuestsShareAHost() {
        Map<String, ScenarioSummary> s = runs("boot-storm.conf", REDUCED_VMS);
        double few = s.get("eager[hosts.memory=128G]#1").bootToShell().p50();
        double many = s.get("eager[hosts.memory=1T]#1").bootToShell().p50();
        assertTrue(few < many, few + " vs " + many);
        assertTrue(s.get("lazy[hosts.memory=1T]#1").bootToShell().p50() < many / 2);
    }

    @Test
    void lazyPacksMoreVmsPerHostAtEveryOvercommit() {
        Map<String, ScenarioSummary> s = runs("density-overcommit.conf", REDUCED_VMS);
        for (String ratio : List.of("1", "1.2", "1.5")) {
            double eager = s.get("eager[hosts.overcommit=" + ratio + "]").vmsPerHostPeakMean();
            double lazy = s.get("lazy[hosts.overcommit=" + ratio + "]").vmsPerHostPeakMean();
            assertTrue(lazy > eager, ratio + ": " + lazy + " vs " + eager);
        }
    }

    @Test
    void largerUnitsShrinkTheBitmapButAcceptTooMuch() {
        Map<String, ScenarioSummary> s = runs("unit-size-sweep.conf", REDUCED_VMS);
        double previous = Double.MAX_VALUE;
        for (String unit : List.of("4K", "64K", "2M", "32M", "1G")) {
            double bitmap = s.get("lazy[guest.unit-size=" + unit + "]").bitmapMeanBytes();
            assertTrue(bitmap < previous, unit + ": " + bitmap);
            previous = bitmap;
        }
        assertTrue(s.get("lazy[guest.unit-size=1G]").acceptedFreeMeanBytes()
                > 2 * s.get("lazy[guest.unit-size=2M]").acceptedFreeMeanBytes());
    }

    @Test
    void lazyHelpsOnBothPlatformsAndLessWithHugeMappings() {
        Map<String, ScenarioSummary> platforms = runs("tdx-vs-snp.conf", REDUCED_VMS);
        for (String p : List.of("tdx", "sev-snp")) {
            ScenarioSummary eager = platforms.get("eager[platform=" + p + "]");
            ScenarioSummary lazy = platforms.get("lazy[platform=" + p + "]");
            assertTrue(lazy.speedupVersus(eager) > 1, p);
            assertTrue(lazy.savedPercentVersus(eager) > 30, p);
        }
        Map<String, ScenarioSummary> m = runs("huge-mapping.conf", REDUCED_VMS);
        double speedup4k = m.get("lazy[host-mapping=4K]").speedupVersus(m.get("eager[host-mapping=4K]"));
        double speedup2m = m.get("lazy[host-mapping=2M]").speedupVersus(m.get("eager[host-mapping=2M]"));
        assertTrue(m.get("eager[host-mapping=2M]").bootToShell().p50()
                < m.get("eager[host-mapping=4K]").bootToShell().p50() / 10);
        assertTrue(speedup2m < speedup4k, speedup2m + " vs " + speedup4k);
    }

    @Test
    void dynamicPamtLazyAcceptanceAnd2MMappingsEachCutTheHostsOverhead() {
        Map<String, ScenarioSummary> s = runs("host-overhead.conf", REDUCED_VMS);
        // static PAMT is there for all host memory whatever the guests accept
        assertEquals(overhead(s, "eager", "static,host-mapping=4K").pamtMeanBytes(),
                overhead(s, "lazy", "static,host-mapping=4K").pamtMeanBytes());
        for (String mapping : List.of("4K", "2M")) {
            double staticPamt = overhead(s, "eager", "static,host-mapping=" + mapping).pamtMeanBytes();
            double dynamicPamt = overhead(s, "eager", "dynamic,host-mapping=" + mapping).pamtMeanBytes();
            assertTrue(dynamicPamt < staticPamt / 5, mapping + ": " + dynamicPamt + " vs " + staticPamt);
            ScenarioSummary eager = s.get("eager[hosts.pamt=static,host-mapping=" + mapping + "]");
            ScenarioSummary lazy = s.get("lazy[hosts.pamt=static,host-mapping=" + mapping + "]");
            double savedTotal = lazy.savedTotalPercentVersus(eager);
            assertTrue(savedTotal > 0 && savedTotal < lazy.savedPercentVersus(eager), mapping + ": " + savedTotal);
        }
        // what follows the private memory mapped shrinks with lazy acceptance at 4K ...
        FleetOverhead eager4k = overhead(s, "eager", "dynamic,host-mapping=4K");
        FleetOverhead lazy4k = overhead(s, "lazy", "dynamic,host-mapping=4K");
        assertTrue(lazy4k.septMeanBytes() < 0.7 * eager4k.septMeanBytes());
        assertTrue(lazy4k.pamtMeanBytes() < eager4k.pamtMeanBytes());
        // ... and mostly goes with 2M mappings: no last-level S-EPT tables, no 4K-level PAMT
        FleetOverhead eager2m = overhead(s, "eager", "dynamic,host-mapping=2M");
        assertTrue(eager2m.septMeanBytes() < eager4k.septMeanBytes() / 100);
        assertEquals(eager2m.pamtMeanBytes(), overhead(s, "lazy", "dynamic,host-mapping=2M").pamtMeanBytes());
    }

    private static FleetOverhead overhead(Map<String, ScenarioSummary> runs, String scenario, String point) {
        return runs.get(scenario + "[hosts.pamt=" + point + "]").overhead();
    }

    @Test
    void backgroundAcceptanceBootsNearlyAsFastAsLazyButCommitsMore() {
        Map<String, ScenarioSummary> s = runs("background-accept.conf", REDUCED_VMS);
        ScenarioSummary eager = s.get("eager");
        ScenarioSummary lazy = s.get("lazy");
        ScenarioSummary background = s.get("background-256m");
        assertTrue(background.bootToShell().p50() < eager.bootToShell().p50() / 2);
        assertTrue(background.savedPercentVersus(eager) < lazy.savedPercentVersus(eager) / 2);
    }

    @Test
    void rangeTrackingStaysWithinTheZeroPageInThisModel() {
        for (ScenarioSummary s : runs("range-vs-bitmap.conf", REDUCED_VMS).values()) {
            assertEquals(0, s.vmsOverE820Limit(), s.scenario());
            assertTrue(s.e820EntriesPeak().p99() > 4 && s.e820EntriesPeak().p99() <= 128, s.scenario());
        }
    }

    @Test
    void defaultStudyLazyCommitsLessAndBootsFaster() {
        StudyLoader.Study study = StudyLoader.load(CONFIG.resolve("default.conf"));
        assertEquals(StudyLoader.defaults().runs().get(0).vms(), study.runs().get(0).vms(),
                "default.conf restates the built-in default");
        List<ScenarioSummary> s = reduced("default.conf", 1000).runs().stream()
                .map(ShippedStudiesTest::run).toList();
        ScenarioSummary eager = s.get(0);
        ScenarioSummary lazy = s.get(1);
        assertEquals("eager-firmware", eager.policy());
        assertTrue(lazy.fleetMeanCommittedBytes() < 0.8 * eager.fleetMeanCommittedBytes(),
                lazy.fleetMeanCommittedBytes() + " vs " + eager.fleetMeanCommittedBytes());
        assertTrue(lazy.bootToShell().mean() < eager.bootToShell().mean() / 2);
        // eager commits all a VM has, but only as the firmware gets through it during boot
        assertEquals(eager.fleetMeanConfiguredBytes(), eager.fleetMeanCommittedBytes(),
                0.01 * eager.fleetMeanConfiguredBytes());
    }

    @Test
    void theIssueNamesNineStudiesAndAllAreShipped() throws IOException {
        List<String> names = shippedStudies().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("default.conf", "seed-headline.conf", "boot-storm.conf",
                "density-overcommit.conf", "unit-size-sweep.conf", "tdx-vs-snp.conf", "huge-mapping.conf",
                "background-accept.conf", "range-vs-bitmap.conf")), names.toString());
    }

    @Test
    void memoryHogDrainsFasterWithMoreWorkersOnMoreVcpus() {
        List<ScenarioSummary> s = StudyLoader.load(CONFIG.resolve("memory-hog.conf")).runs().stream()
                .map(ShippedStudiesTest::run).toList();
        assertEquals(12, s.size());
        for (ScenarioSummary summary : s) {
            assertEquals(1, summary.timeToDrain().count(), summary.scenario() + " drained");
        }
        double oneWorker = s.get(4).timeToDrain().mean();
        double sixteenWorkers = s.get(5).timeToDrain().mean();
        assertEquals("m16g-v64-w1", s.get(4).scenario());
        assertTrue(sixteenWorkers < oneWorker / 2, sixteenWorkers + " vs " + oneWorker);
    }

    @Test
    void largeGuestStormAcceptsMoreEarlyWithMoreVcpusUnlessFixed() {
        List<ScenarioSummary> s = StudyLoader.load(CONFIG.resolve("large-guest-storm.conf")).runs().stream()
                .map(ShippedStudiesTest::run).toList();
        double stormGrowth = s.get(8).acceptedEarlyKernelMeanBytes() - s.get(0).acceptedEarlyKernelMeanBytes();
        double fixedGrowth = s.get(9).acceptedEarlyKernelMeanBytes() - s.get(1).acceptedEarlyKernelMeanBytes();
        assertEquals("v256-fix-off", s.get(8).scenario());
        assertTrue(stormGrowth > 10 * fixedGrowth, stormGrowth + " vs " + fixedGrowth);
    }

    @Test
    void seedHeadlineReproducesThePatchSeriesRatios() {
        List<ScenarioSummary> s = StudyLoader.load(CONFIG.resolve("seed-headline.conf")).runs().stream()
                .map(ShippedStudiesTest::run).toList();
        assertEquals(2.5, s.get(1).speedupVersus(s.get(0)), 0.25, "4 GiB");
        assertEquals(4.0, s.get(3).speedupVersus(s.get(2)), 0.40, "64 GiB");
    }

    @Test
    void aGuestsOwnMemoryMapBootsAndSavesAsTheModelsLayoutDoes() {
        Map<String, ScenarioSummary> s = runs("own-memory-map.conf", REDUCED_VMS);
        for (String policy : List.of("eager", "lazy")) {
            Map<String, Percentiles> byClass = s.get(policy).bootToShellByClass();
            double own = byClass.get("own-4g").mean();
            double model = byClass.get("model-4g").mean();
            assertEquals(model, own, 0.1 * model, policy + ": own map vs model layout");
        }
        assertTrue(s.get("lazy").speedupVersus(s.get("eager")) > 2);
        assertTrue(s.get("lazy").savedPercentVersus(s.get("eager")) > 30);
    }

    @Test
    void traceStudiesReplayTheirShippedSamplesAndLazySavesOnBoth() {
        for (String study : List.of("azure-vmtable.conf", "azure-packing-2020.conf")) {
            Map<String, ScenarioSummary> s = runs(study, Integer.MAX_VALUE);
            ScenarioSummary eager = s.get("eager");
            ScenarioSummary lazy = s.get("lazy");
            assertTrue(lazy.placed() > 250, study + ": " + lazy.placed() + " VMs placed");
            assertEquals(eager.vms(), lazy.vms(), study);
            assertTrue(lazy.speedupVersus(eager) > 2, study);
            assertTrue(lazy.savedPercentVersus(eager) > 30, study);
        }
    }

    /** The shipped samples are the project's own: the command their studies give writes them byte for byte. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedTraces")
    void shippedTraceSamplesAreWhatTraceSynthWrites(String format, String file, @TempDir Path out)
            throws IOException {
        Path written = out.resolve(file);
        SweepCommandTest.Outcome o = SweepCommandTest.fleetsim("trace", "synth", "--format", format, "--vms", "600",
                "--days", "2", "--seed", "19", "--out", written.toString());
        assertEquals(0, o.status(), o.err());
        if (file.endsWith(".csv")) {
            assertEquals(Files.readString(CONFIG.resolve("traces").resolve(file)), Files.readString(written));
        } else {
            assertEquals(fleetOf(CONFIG.resolve("traces").resolve(file)), fleetOf(written));
        }
    }

    static List<org.junit.jupiter.params.provider.Arguments> shippedTraces() {
        return List.of(org.junit.jupiter.params.provider.Arguments.of("azure-vmtable", "azure-vmtable-sample.csv"),
                org.junit.jupiter.params.provider.Arguments.of("azure-packing-2020",
                        "azure-packing-2020-sample.sqlite"));
    }

    /** An SQLite file's bytes depend on the library's version; its rows do not. */
    private static List<String> fleetOf(Path sqlite) {
        RunConfig study = StudyLoader.loadString("packing", "name = p\nvms = 100000\nduration = 90d\narrival { "
                + "process = trace, format = azure-packing-2020, file = \"" + sqlite + "\" }\n").runs().get(0);
        List<String> fleet = new ArrayList<>();
        try (var source = dev.fleetsim.node.fleet.FleetGenerator.source(study)) {
            while (source.nextArrivalNanos() != Long.MAX_VALUE) {
                fleet.add(source.next().toString());
            }
        }
        return fleet;
    }
}
