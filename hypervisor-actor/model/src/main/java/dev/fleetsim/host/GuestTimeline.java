package dev.fleetsim.host;


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
    public long advance(GuestSteps steps, Hypervisor host) {
        for (int i = 0; i < steps.size(); i++) {
            advance(steps, i, host);
        }
        return nowNanos;
    }

    /**
     * Runs step {@code index} of {@code steps} on {@code host} at the current virtual time; returns the time after
     * it. Steps are read packed: this runs for every event of a fleet.
     */
    public long advance(GuestSteps steps, int index, Hypervisor host) {
        long before = nowNanos;
        BootPhase phase = steps.phase(index);
        switch (steps.kind(index)) {
            case COMPUTE, WAIT -> nowNanos += steps.amount(index);
            case TOUCH -> host.firstTouch(guestId, steps.amount(index), nowNanos);
            case ACCEPT -> accept(steps.request(index), phase, host);
        }
        phaseNanos[phase.ordinal()] += nowNanos - before;
        return nowNanos;
    }

    private void accept(AcceptRequest request, BootPhase phase, Hypervisor host) {
        Hypervisor.Accepted done = host.accept(guestId, request, nowNanos);
        nowNanos = done.completionNanos();
        exits += done.cost().exits();
        if (request.path().accepts()) {
            acceptedBytes += request.bytes();
            acceptedByPhase[phase.ordinal()] += request.bytes();
        }
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
