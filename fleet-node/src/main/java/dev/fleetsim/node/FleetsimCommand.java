package dev.fleetsim.node;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code fleetsim}: the command line. {@code main} only parses arguments; each subcommand does one job. */
@Command(name = "fleetsim", mixinStandardHelpOptions = true, version = "fleetsim " + FleetsimCommand.VERSION,
        description = "Simulates confidential-VM fleets with lazy memory acceptance.",
        subcommands = {RunCommand.class, SweepCommand.class, ReportCommand.class, NodeCommand.class, TimelineCommand.class, CalibrateCommand.class,
            ValidateCommand.class, BenchCommand.class, TraceCommand.class})
public final class FleetsimCommand implements Runnable {

    /** The version results and reports record. */
    public static final String VERSION = "0.1.0";

    /** Exit status for bad input: a study, a flag, a file. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with fleetsim's converters and its error handling, for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FleetsimCommand());
        Converters.register(cli);
        cli.setExecutionExceptionHandler(FleetsimCommand::reportBadInput);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Bad input is a one-line message and exit status 2; anything else is a bug and keeps its stack trace. */
    private static int reportBadInput(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof java.io.FileNotFoundException
                || e instanceof java.nio.file.NoSuchFileException) {
            PrintWriter err = cli.getErr();
            String message = e instanceof java.nio.file.NoSuchFileException ? "no such file: " + e.getMessage()
                    : e.getMessage();
            err.println("fleetsim " + cli.getCommandName() + ": " + message);
            err.flush();
            return BAD_INPUT;
        }
        throw e;
    }
}
