package dev.fleetsim.host;

import java.util.HashMap;
import java.util.Map;

/**
 * Host memory committed to guests over virtual time.
 *
 * <p>A confidential guest's host commits a page when the guest accepts it; a plain guest's when it first touches
 * it. The ledger keeps each resident guest's configured and committed bytes, the host total, its peak, its
 * time integral (for the time-weighted mean) and, for comparison, the integral of what the same guests would have
 * committed had each been accepted eagerly (its configured size from placement on). Beside guest memory it keeps
 * what the host spends on the guests' behalf ({@link HostOverheadModel}): each guest's share follows its commit,
 * the host's own structures are there throughout. Time only moves forward.
 */
public final class HostCommitLedger {

    private record Guest(long configuredBytes, long committedBytes, MemoryOverhead overhead) {
    }

    private final HostCapacity capacity;
    private final HostOverheadModel overheadModel;
    private final MemoryOverhead hostOverhead;
    private MemoryOverhead guestsOverhead = MemoryOverhead.NONE;
    private final double[] overheadByteNanos = new double[4];
    private final Map<Long, Guest> guests = new HashMap<>();
    private long configuredBytes;
    private long committedBytes;
    private long peakCommittedBytes;
    private long peakConfiguredBytes;
    private long startNanos = -1;
    private long nowNanos;
    private double committedByteNanos;
    private double configuredByteNanos;
    private long pressureEvents;

    public HostCommitLedger(HostCapacity capacity, HostOverheadModel overheadModel) {
        this.capacity = capacity;
        this.overheadModel = overheadModel;
        this.hostOverhead = overheadModel.host();
    }

    public void place(long guestId, long bytes, long atNanos) {
        advanceTo(atNanos);
        MemoryOverhead overhead = overheadModel.vm(bytes, 0);
        if (guests.putIfAbsent(guestId, new Guest(bytes, 0, overhead)) != null) {
            throw new IllegalStateException("guest " + guestId + " is already placed on this host");
        }
        guestsOverhead = guestsOverhead.plus(overhead);
        configuredBytes += bytes;
        peakConfiguredBytes = Math.max(peakConfiguredBytes, configuredBytes);
    }

    /** Records that {@code bytes} more of the guest's memory are now backed by the host. */
    public void commit(long guestId, long bytes, long atNanos) {
        advanceTo(atNanos);
        Guest guest = guest(guestId);
        long committed = guest.committedBytes() + bytes;
        if (bytes < 0 || committed > guest.configuredBytes()) {
            throw new IllegalStateException("guest " + guestId + " would commit " + committed
                    + " bytes of its " + guest.configuredBytes());
        }
        MemoryOverhead overhead = overheadModel.vm(guest.configuredBytes(), committed);
        guests.put(guestId, new Guest(guest.configuredBytes(), committed, overhead));
        guestsOverhead = guestsOverhead.plus(overhead).minus(guest.overhead());
        boolean wasBelow = committedBytes <= capacity.memoryBytes();
        committedBytes += bytes;
        peakCommittedBytes = Math.max(peakCommittedBytes, committedBytes);
        if (wasBelow && committedBytes > capacity.memoryBytes()) {
            pressureEvents++;
        }
    }

    /** The guest ended: its memory goes back to the host. */
    public void release(long guestId, long atNanos) {
        advanceTo(atNanos);
        Guest guest = guests.remove(guestId);
        if (guest == null) {
            throw new IllegalStateException("guest " + guestId + " is not on this host");
        }
        configuredBytes -= guest.configuredBytes();
        committedBytes -= guest.committedBytes();
        guestsOverhead = guestsOverhead.minus(guest.overhead());
    }

    public void advanceTo(long atNanos) {
        if (startNanos < 0) {
            startNanos = atNanos;
            nowNanos = atNanos;
        }
        if (atNanos < nowNanos) {
            throw new IllegalStateException("ledger time would go back from " + nowNanos + " to " + atNanos);
        }
        long span = atNanos - nowNanos;
        committedByteNanos += (double) committedBytes * span;
        configuredByteNanos += (double) configuredBytes * span;
        overheadByteNanos[0] += (double) guestsOverhead.septBytes() * span;
        overheadByteNanos[1] += (double) guestsOverhead.pamtBytes() * span;
        overheadByteNanos[2] += (double) guestsOverhead.rmpBytes() * span;
        overheadByteNanos[3] += (double) guestsOverhead.vmmBytes() * span;
        nowNanos = atNanos;
    }

    /** The virtual time the ledger has been brought up to. */
    public long nowNanos() {
        return nowNanos;
    }

    public long committedBytes(long guestId) {
        return guest(guestId).committedBytes();
    }

    public long committedBytes() {
        return committedBytes;
    }

    /** What the host spends beside guest memory now: its own structures and its resident guests' shares. */
    public MemoryOverhead overhead() {
        return hostOverhead.plus(guestsOverhead);
    }

    /** A resident guest's share of the host's overhead. */
    public MemoryOverhead overhead(long guestId) {
        return guest(guestId).overhead();
    }

    /** The overhead's time-weighted mean, the host's own structures included throughout. */
    public MeanOverhead meanOverhead() {
        return new MeanOverhead(hostOverhead.septBytes() + mean(overheadByteNanos[0]),
                hostOverhead.pamtBytes() + mean(overheadByteNanos[1]),
                hostOverhead.rmpBytes() + mean(overheadByteNanos[2]),
                hostOverhead.vmmBytes() + mean(overheadByteNanos[3]));
    }

    public long configuredBytes() {
        return configuredBytes;
    }

    public long peakCommittedBytes() {
        return peakCommittedBytes;
    }

    /** What eager acceptance would have committed at its peak: every resident guest in full. */
    public long peakEagerBytes() {
        return peakConfiguredBytes;
    }

    public double meanCommittedBytes() {
        return mean(committedByteNanos);
    }

    public double meanEagerBytes() {
        return mean(configuredByteNanos);
    }

    public long pressureEvents() {
        return pressureEvents;
    }

    private double mean(double byteNanos) {
        long span = nowNanos - startNanos;
        return span <= 0 ? 0 : byteNanos / span;
    }

    private Guest guest(long guestId) {
        Guest guest = guests.get(guestId);
        if (guest == null) {
            throw new IllegalStateException("guest " + guestId + " is not on this host");
        }
        return guest;
    }
}
