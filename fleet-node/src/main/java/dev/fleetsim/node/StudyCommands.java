package dev.fleetsim.node;

import dev.fleetsim.node.report.StudyHeader;
import dev.fleetsim.node.results.Comparison;
import dev.fleetsim.node.results.ResultFolder;
import dev.fleetsim.node.results.SummaryColumns;
import dev.fleetsim.node.study.StudyLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** The body {@code run} and {@code sweep} share once each has chosen its engine and how many runs go at once. */
final class StudyCommands {

    private StudyCommands() {
    }

    /**
     * {@code parallel} runs at once in this JVM (threads, or the embedded node's slots); runs of at most {@code
     * wholeRunMaxVms} VMs (0: none) go whole to a slot when the engine hands runs out.
     */
    static int execute(CommandSpec spec, StudyOptions options, EngineHandle.Kind engine, int parallel,
                       int wholeRunMaxVms) throws Exception {
        StudyLoader.Study study = options.study();
        Path dir = options.resultDir(study);
        List<Comparison> results;
        StudyHeader header = options.header(spec);
        try (ResultFolder folder = ResultFolder.take(dir, study.runs().size())) {
            header.write(dir);
            try (EngineHandle handle = EngineHandle.open(engine, options.cluster, options.host, parallel,
                    options.joinTimeout())) {
                results = new StudyRunner(handle.engine(), parallel, wholeRunMaxVms, spec.commandLine().getErr())
                        .run(study, dir);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        SummaryColumns.printTable(out, results);
        if (!header.vmsNote().isEmpty()) {
            out.println("note: " + header.vmsNote());
        }
        out.println();
        out.println("results: " + dir.toAbsolutePath());
        out.println("report:  " + dir.resolve("report.html").toAbsolutePath());
        out.flush();
        return 0;
    }
}
