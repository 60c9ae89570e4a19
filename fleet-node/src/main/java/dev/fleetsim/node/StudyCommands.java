package dev.fleetsim.node;

import dev.fleetsim.node.results.Comparison;
import dev.fleetsim.node.results.ResultWriter;
import dev.fleetsim.node.study.StudyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The body {@code run} and {@code sweep} share once each has chosen its engine and how many runs go at once. */
final class StudyCommands {

    private StudyCommands() {
    }

    static int execute(CommandSpec spec, StudyOptions options, EngineHandle.Kind engine, int parallel)
            throws Exception {
        StudyLoader.Study study = options.study();
        Path dir = options.resultDir(study);
        List<Comparison> results;
        try (EngineHandle handle = EngineHandle.open(engine, options.cluster, options.host)) {
            results = new StudyRunner(handle.engine(), parallel, spec.commandLine().getErr()).run(study, dir);
        }
        PrintWriter out = spec.commandLine().getOut();
        ResultWriter.printTable(out, results);
        out.println();
        out.println("results: " + dir.toAbsolutePath());
        out.println("report:  " + dir.resolve("report.html").toAbsolutePath());
        out.flush();
        return 0;
    }
}
