package dev.fleetsim.host;

import java.util.List;

/**
 * A guest's steps priced by its host: how long each phase took in virtual time, how many exits it made and what
 * it committed. {@link #advance} is the one place steps become time; engines call it for every guest.
 */
public final class GuestTimeline {

    private final long guestId;
    private final long[] phaseNanos = new long[BootPhase.values().length];
    private final long[] acceptedByPhase = new long[BootPhase.values().length];
    private long nowNanos;
    private long exits;
    private long acceptedBytes;

    public GuestTimeline(long guestId, long startNanos) {
        this.guestId = guestId;
        this.nowNanos = startNanos;
    }

    /** Runs {@code steps} on {@code host} from the current virtual time; returns the time after the last one. */
    public long advance(List<GuestStep> steps, Hypervisor host) {
        for (GuestStep step : steps) {
            advance(step, host);
        }
        return nowNanos;
    }

    /** Runs one step on {@code host} at the current virtual time; returns the time after it. */
    public long advance(GuestStep step, Hypervisor host) {
        long before = nowNanos;
        if (step instanceof GuestStep.Compute c) {
            nowNanos += c.nanos();
        } else if (step instanceof GuestStep.Wait w) {
            nowNanos += w.nanos();
        } else if (step instanceof GuestStep.Touch t) {
            host.firstTouch(guestId, t.bytes(), nowNanos);
        } else if (step instanceof GuestStep.Accept a) {
            Hypervisor.Accepted done = host.accept(guestId, a.request(), nowNanos);
            nowNanos = done.completionNanos();
            exits += done.cost().exits();
            acceptedBytes += a.request().bytes();
            acceptedByPhase[a.phase().ordinal()] += a.request().bytes();
        }
        phaseNanos[step.phase().ordinal()] += nowNanos - before;
        return nowNanos;
    }

    /** Bytes accepted during {@code phase}. */
    public long acceptedBytes(BootPhase phase) {
        return acceptedByPhase[phase.ordinal()];
    }

    /** Bytes this guest has had accepted so far. */
    public long acceptedBytes() {
        return acceptedBytes;
    }

    public long phaseNanos(BootPhase phase) {
        return phaseNanos[phase.ordinal()];
    }

    public PhaseTimes phaseTimes() {
        return new PhaseTimes(phaseNanos);
    }

    /** Firmware start to shell prompt: the figure the patch series reports. */
    public long bootToShellNanos() {
        long sum = 0;
        for (BootPhase phase : BootPhase.values()) {
            if (phase.beforeShell()) {
                sum += phaseNanos(phase);
            }
        }
        return sum;
    }

    public long exits() {
        return exits;
    }
}
