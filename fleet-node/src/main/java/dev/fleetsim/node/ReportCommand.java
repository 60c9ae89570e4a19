package dev.fleetsim.node;

import dev.fleetsim.host.BadInputException;
import dev.fleetsim.node.report.Report;
import dev.fleetsim.node.results.ResultWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetsim report}: (re)writes a result folder's combined results and report.html from its stored runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write report.html (and the combined summary files) for a result folder of run or sweep.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "a result folder written by run or sweep")
    Path resultDir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (ResultWriter.finishedRuns(resultDir).isEmpty()) {
            throw new BadInputException(resultDir + " holds no finished runs (no runs/*/run.json)"
                    + (Files.isDirectory(resultDir) ? "" : ": no such folder"));
        }
        Path report = Report.write(resultDir, ResultWriter.combine(resultDir));
        spec.commandLine().getOut().println("report: " + report.toAbsolutePath());
        return 0;
    }
}
