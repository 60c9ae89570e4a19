package dev.fleetsim.node;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.node.report.StudyHeader;
import dev.fleetsim.node.study.StudyLoader;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code run} and {@code sweep} share: the study, its overrides, where results go and which engine runs it. */
final class StudyOptions {

    @Parameters(index = "0", arity = "0..1", description = "study file (HOCON); none: the default study")
    Path studyFile;

    @Option(names = "--seed", description = "override the study's seed (replication r runs with seed + r)")
    Long seed;

    @Option(names = "--vms", description = "override the number of VMs of every run")
    Integer vms;

    @Option(names = "--out", description = "result folder (default results/<study>-<timestamp>); one that holds "
            + "finished runs of the same study is resumed")
    Path out;

    @Option(names = "--engine", description = "actors (Pekko, embedded one-node cluster) or sequential")
    EngineHandle.Kind engine;

    @Option(names = "--cluster", split = ",", paramLabel = "HOST:PORT",
            description = "submit to a running cluster (its seed nodes) instead of starting one in this JVM")
    List<String> cluster;

    @Option(names = "--join-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "with --cluster: fail if no node answers within this long (default ${DEFAULT-VALUE})")
    int joinTimeoutSeconds;

    @Option(names = "--host", defaultValue = "${env:FLEETSIM_HOST:-127.0.0.1}",
            description = "with --cluster: the address this client binds and advertises (default ${DEFAULT-VALUE})")
    String host;

    /** The study with the command line's overrides applied. */
    StudyLoader.Study study() {
        if (vms != null && vms < 1) {
            throw new BadInputException("--vms must be >= 1, was " + vms);
        }
        StudyLoader.Overrides overrides = new StudyLoader.Overrides(seed, vms);
        return studyFile == null ? StudyLoader.defaults(overrides) : StudyLoader.load(studyFile, overrides);
    }

    /** What the report says of this study and command line. */
    StudyHeader header(picocli.CommandLine.Model.CommandSpec spec) throws java.io.IOException {
        StudyLoader.Study own = studyFile == null ? StudyLoader.defaults() : StudyLoader.load(studyFile);
        String command = "fleetsim " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return StudyHeader.of(studyFile, command, FleetsimCommand.VERSION, own.runs().get(0).vms(), vms);
    }

    Path resultDir(StudyLoader.Study study) {
        return out != null ? out : Path.of("results", study.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    java.time.Duration joinTimeout() {
        if (joinTimeoutSeconds < 1) {
            throw new BadInputException("--join-timeout must be >= 1 second, was " + joinTimeoutSeconds);
        }
        return java.time.Duration.ofSeconds(joinTimeoutSeconds);
    }

    EngineHandle.Kind engineOr(EngineHandle.Kind fallback) {
        return engine != null ? engine : fallback;
    }
}
