package dev.fleetsim.guest;

/** A firmware memory map that cannot describe a guest; the message names where the problem is. */
public final class MemoryMapException extends IllegalArgumentException {

    public MemoryMapException(String message) {
        super(message);
    }
}
