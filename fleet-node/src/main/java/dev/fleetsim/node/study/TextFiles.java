package dev.fleetsim.node.study;

import dev.fleetsim.host.InputValues;
import java.nio.charset.CharacterCodingException;

/** Text files a study names (CSV traces, kernel logs), read as UTF-8. */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * Why such a file could not be read, for a one-line message. Java's decoder says only "Input length = 1" of a
     * byte that is not UTF-8 (a log saved as UTF-16 by a Windows shell, a Latin-1 export), which names neither the
     * problem nor the fix; anything else is the parser's own first line.
     */
    public static String readFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return "not UTF-8 text (" + InputValues.reason(t) + "); save it as UTF-8, not UTF-16 or Latin-1";
            }
        }
        return InputValues.reason(e);
    }
}
