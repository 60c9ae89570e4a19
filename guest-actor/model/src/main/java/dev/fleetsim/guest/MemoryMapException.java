package dev.fleetsim.guest;

import dev.fleetsim.host.BadInputException;

/** A firmware memory map that cannot describe a guest; the message names where the problem is. */
public final class MemoryMapException extends BadInputException {

    private static final long serialVersionUID = 1L;

    public MemoryMapException(String message) {
        super(message);
    }
}
