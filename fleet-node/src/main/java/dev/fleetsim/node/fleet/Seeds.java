package dev.fleetsim.node.fleet;

/** Per-entity seeds derived from the study's one master seed, so results never depend on who asks first. */
public final class Seeds {

    /** The stream of arrival gaps, which is one sequence for the whole fleet. */
    static final long ARRIVALS = -1;

    private Seeds() {
    }

    /** A well-mixed seed for entity {@code id} (SplitMix64's finaliser over seed and id). */
    public static long of(long studySeed, long id) {
        long z = studySeed + 0x9E37_79B9_7F4A_7C15L * (id + 1);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
