package dev.fleetsim.node;

import dev.fleetsim.host.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code fleetsim}: the command line. {@code main} only parses arguments; each subcommand does one job. This is
 * the one error boundary: bad input (a flag, a study, a file the user named) is one line and exit 2, an I/O
 * failure (disk full) one line and exit 1, anything else a bug: exit 1 with its stack trace.
 */
@Command(name = "fleetsim", mixinStandardHelpOptions = true, version = "fleetsim " + FleetsimCommand.VERSION,
        description = "Simulates confidential-VM fleets with lazy memory acceptance.",
        subcommands = {RunCommand.class, SweepCommand.class, ReportCommand.class, NodeCommand.class, TimelineCommand.class, CalibrateCommand.class,
            ValidateCommand.class, BenchCommand.class, TraceCommand.class})
public final class FleetsimCommand implements Callable<Integer> {

    /** The version results and reports record. */
    public static final String VERSION = "0.1.0";

    /** Exit status for bad input: a study, a flag, a file. */
    public static final int BAD_INPUT = 2;

    /** Exit status for a bug or a failed write: not the user's input. */
    public static final int FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // logging set up before any thread can log, so SLF4J has no early calls to replay onto the terminal
        LoggerFactory.getILoggerFactory();
        System.exit(commandLine().execute(args));
    }

    /** The command line with fleetsim's converters and its error handling, for main and for tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FleetsimCommand());
        Converters.register(cli);
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version("fleetsim " + VERSION));
        cli.setExecutionExceptionHandler(FleetsimCommand::reportFailure);
        cli.setParameterExceptionHandler(FleetsimCommand::reportBadFlag);
        return cli;
    }

    /** {@code fleetsim} alone names no job: the usage, and the status of a bad command line. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        String prefix = "fleetsim " + cli.getCommandName() + ": ";
        int status = FAILED;
        if (e instanceof BadInputException) {
            err.println(prefix + e.getMessage());
            status = BAD_INPUT;
        } else if (e instanceof NoSuchFileException) {
            err.println(prefix + "no such file: " + e.getMessage());
            status = BAD_INPUT;
        } else if (e instanceof IOException) {
            err.println(prefix + "cannot read or write a file: " + e.getMessage() + " (finished runs are kept)");
        } else {
            err.println(prefix + "internal error (a bug in fleetsim; please report it with the command line and "
                    + "this trace)");
            e.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    /** A flag or argument that does not parse: one line, a suggestion for a mistyped command, and --help. */
    private static int reportBadFlag(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String command = cli.getCommandSpec().qualifiedName();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !cli.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            message = "unknown command or argument '" + word + "'"
                    + CommandSuggestion.closest(word, cli.getSubcommands().keySet()).map(s -> " (did you mean '"
                    + s + "'?)").orElse("");
        }
        err.println(command + ": " + message + "; try '" + command + " --help'");
        err.flush();
        return BAD_INPUT;
    }
}
