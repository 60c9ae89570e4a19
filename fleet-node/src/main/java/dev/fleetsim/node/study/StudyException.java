package dev.fleetsim.node.study;

import dev.fleetsim.host.BadInputException;

/** A study that cannot run: the message names the file, the key path and what is allowed. */
public final class StudyException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public StudyException(String source, String path, String problem) {
        super(oneLine(source + (path.isEmpty() ? "" : ": " + path) + ": " + problem));
    }

    /**
     * The message with line breaks written as {@code \n}: a problem echoes the user's text, and a quoted CSV field
     * may hold a line break, which would split the one-line report the command line prints.
     */
    private static String oneLine(String message) {
        return message.replace("\r", "\\r").replace("\n", "\\n");
    }
}
