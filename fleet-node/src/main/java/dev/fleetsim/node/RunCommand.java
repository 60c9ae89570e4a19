package dev.fleetsim.node;

import dev.fleetsim.node.engine.ScenarioResult;
import dev.fleetsim.node.results.ResultWriter;
import dev.fleetsim.node.study.StudyConfig;
import dev.fleetsim.node.study.StudyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetsim run}: runs every scenario of a study and writes the results. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a fleet study (default: the built-in study of 10,000 VMs, eager vs lazy).")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", description = "study file (HOCON); none: the default study")
    Path studyFile;

    @Option(names = "--seed", description = "override the study's seed")
    Long seed;

    @Option(names = "--vms", description = "override the number of VMs")
    Integer vms;

    @Option(names = "--out", description = "result folder (default results/<study>-<timestamp>)")
    Path out;

    @Option(names = "--engine", defaultValue = "actors",
            description = "actors (Pekko, embedded one-node cluster) or sequential (default ${DEFAULT-VALUE})")
    EngineHandle.Kind engine;

    @Option(names = "--cluster", split = ",", paramLabel = "HOST:PORT",
            description = "submit to a running cluster (its seed nodes) instead of starting one in this JVM")
    List<String> cluster;

    @Option(names = "--host", defaultValue = "${env:FLEETSIM_HOST:-127.0.0.1}",
            description = "with --cluster: the address this client binds and advertises (default ${DEFAULT-VALUE})")
    String host;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        StudyLoader.Study study = studyFile == null ? StudyLoader.defaults() : StudyLoader.load(studyFile);
        PrintWriter err = spec.commandLine().getErr();
        Path dir = out != null ? out : Path.of("results", study.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<ScenarioResult> results = new ArrayList<>();
        try (EngineHandle handle = EngineHandle.open(engine, cluster, host)) {
            for (StudyConfig scenario : study.scenarios()) {
                StudyConfig resolved = overridden(scenario);
                try (ProgressReport progress = ProgressReport.start(err, resolved)) {
                    results.add(handle.engine().run(resolved, progress));
                }
                ResultWriter.write(dir, study.name(), results);
            }
        }
        PrintWriter outWriter = spec.commandLine().getOut();
        ResultWriter.printTable(outWriter, results);
        outWriter.println();
        outWriter.println("results: " + dir.toAbsolutePath());
        outWriter.flush();
        return 0;
    }

    private StudyConfig overridden(StudyConfig scenario) {
        StudyConfig s = scenario;
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (vms != null) {
            if (vms < 1) {
                throw new IllegalArgumentException("--vms must be >= 1, was " + vms);
            }
            s = s.withVms(vms);
        }
        return s;
    }
}
