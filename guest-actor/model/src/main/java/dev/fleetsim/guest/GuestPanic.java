package dev.fleetsim.guest;

import dev.fleetsim.host.BadInputException;

/**
 * A guest that cannot boot as configured, where the real kernel would panic (memblock finding no room for an
 * early allocation: too little memory for its vCPUs' per-CPU areas, bounce buffer and memory map). The VM's size is
 * the user's to change, so it is bad input, not a broken invariant of the model.
 */
public final class GuestPanic extends BadInputException {

    private static final long serialVersionUID = 1L;

    public GuestPanic(String message) {
        super(message);
    }
}
