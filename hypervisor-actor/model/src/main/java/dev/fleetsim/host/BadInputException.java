package dev.fleetsim.host;

/**
 * Input the user can fix: a study, a flag, a trace, a memory map, a measurement file. Its message is the whole
 * report: where (file:line, key or flag) and what is allowed. The command line prints it on one line and exits 2;
 * anything else that escapes a command is a bug. Not an {@link IllegalArgumentException}, so a model's broken
 * invariant can never pass for the user's mistake.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
