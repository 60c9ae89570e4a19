package dev.fleetsim.node.study;

import dev.fleetsim.host.BadInputException;

/** A study that cannot run: the message names the file, the key path and what is allowed. */
public final class StudyException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public StudyException(String source, String path, String problem) {
        super(source + (path.isEmpty() ? "" : ": " + path) + ": " + problem);
    }
}
