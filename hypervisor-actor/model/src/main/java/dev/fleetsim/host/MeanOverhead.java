package dev.fleetsim.host;

/** {@link MemoryOverhead} averaged over time (byte-nanoseconds over the span), by kind. */
public record MeanOverhead(double septBytes, double pamtBytes, double rmpBytes, double vmmBytes) {

    public static final MeanOverhead NONE = new MeanOverhead(0, 0, 0, 0);

    public MeanOverhead plus(MeanOverhead other) {
        return new MeanOverhead(septBytes + other.septBytes, pamtBytes + other.pamtBytes,
                rmpBytes + other.rmpBytes, vmmBytes + other.vmmBytes);
    }

    public double totalBytes() {
        return septBytes + pamtBytes + rmpBytes + vmmBytes;
    }
}
