package dev.fleetsim.node.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsim.node.engine.FinishedRun;
import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.study.RunConfig;
import dev.fleetsim.node.study.SweepPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a finished run leaves for the combined results and the report: its identity (name, seed, VMs, resolved
 * config, so a resumed sweep can tell whether a stored run is the one it would run), its place in the matrix and
 * its headline figures.
 *
 * @param compareTo the scenario (at the same point and replication) this run is measured against; empty: the
 *                  first eager one
 * @param eager     whether the run accepts all memory before the kernel needs it (a baseline candidate)
 * @param node      where it ran ({@link FinishedRun#node()}); with {@code wallS}, the only fields two runs of the
 *                  same study and seed may differ in, and neither goes into the combined results
 * @param wallS     its wall time there, in seconds
 * @param files     its other files as written ({@link RunFileCheck}); run.json is written after them, so a run
 *                  with a run.json whose files match is whole
 */
public record RunRecord(String study, String run, long seed, int vms, SweepPoint point, String compareTo, boolean eager,
                        ScenarioSummary summary, JsonNode config, String node,
                        @JsonProperty("wall_s") double wallS, List<RunFileCheck> files) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static RunRecord of(FinishedRun finished, List<RunFileCheck> files) {
        ScenarioResult result = finished.result();
        RunConfig study = result.study();
        return new RunRecord(study.study(), study.scenario(), study.seed(), study.vms(), study.point(),
                study.compareTo(), !study.policy().lazyKernel(), ScenarioSummary.of(result), config(study),
                finished.node(), Math.round(finished.wallNanos() / 1e6) / 1e3, List.copyOf(files));
    }

    /** Whether this record is what running {@code study} would produce. */
    public boolean isRunOf(RunConfig study) {
        return run.equals(study.scenario()) && config.equals(config(study));
    }

    /** What is wrong with the files of this run stored in {@code runDir}, if anything. */
    Optional<String> damageIn(Path runDir) {
        if (files == null || files.isEmpty()) {
            return Optional.of("run.json has no list of the run's files (written by an older fleetsim)");
        }
        return files.stream().map(f -> f.problemIn(runDir)).flatMap(Optional::stream).findFirst();
    }

    /** Whether {@code other} ran at the same matrix point with the same seed, so the two can be compared. */
    boolean sharesPointWith(RunRecord other) {
        return point.axes().equals(other.point.axes()) && point.replication() == other.point.replication();
    }

    private static JsonNode config(RunConfig study) {
        try {
            return JSON.readTree(study.renderedConfig());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("rendered config is not JSON", e);
        }
    }
}
