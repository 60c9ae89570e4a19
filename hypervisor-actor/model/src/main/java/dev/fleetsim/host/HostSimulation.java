package dev.fleetsim.host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One host and the guests placed on it, run in virtual time. Every guest step is one event; events run in
 * (virtual time, VM id) order, so a host's results depend only on what was admitted to it, never on the order in
 * which engines or messages delivered it. Both fleet engines drive hosts through this class: the sequential engine
 * directly, the actor engine from the host actor.
 *
 * <p>Time moves in windows: {@link #advanceTo} runs every event before the window's end. A VM admitted must not
 * arrive before the time already reached. A VM leaves at its end time, finishing whatever step it is in first;
 * steps it had not started are dropped.
 */
public final class HostSimulation {

    /**
     * A VM placed on this host, with its whole life as steps; {@code drainStep} is the step after which the guest
     * has nothing left unaccepted, or -1.
     */
    public record Admission(long vmId, long configuredBytes, long arrivalNanos, long endNanos,
                            GuestSteps steps, int drainStep, GuestReport guest) {
        public Admission {
            if (endNanos < arrivalNanos) {
                throw new IllegalStateException("VM " + vmId + " ends at " + endNanos + " before it arrives at "
                        + arrivalNanos);
            }
        }
    }

    /** What one VM's life came to on this host; {@code exits} counts its exits to the host over its life. */
    public record Outcome(long vmId, long hostId, long arrivalNanos, long endNanos, Boot boot, Accepted accepted,
                          HostCost atEnd, long exits, GuestReport guest) {
    }

    /** Whether the VM reached its shell prompt, how long after arrival (-1: never), and each boot phase's time. */
    public record Boot(boolean reachedShell, long toShellNanos, PhaseTimes phases) {
    }

    /**
     * Memory the guest accepted by its shell prompt (-1: never reached), in early kernel and by its end; and when
     * nothing was left unaccepted, from the shell prompt (-1: never).
     */
    public record Accepted(long atShellBytes, long earlyKernelBytes, long atEndBytes, long drainedNanos) {
    }

    /**
     * What the VM cost its host at its end: the memory committed for it, and the overhead spent beside that, both
     * at their largest then, since a guest's commit only grows.
     */
    public record HostCost(long committedBytes, MemoryOverhead overhead) {
    }

    /**
     * The host as placement and the commit-over-time sample see it at {@code timeNanos}, with the events it has
     * processed so far and what it spends beside guest memory ({@code overhead}).
     */
    public record Snapshot(long hostId, long timeNanos, long committedBytes, long configuredBytes, int residentVms,
                           long events, MemoryOverhead overhead) {
    }

    /** The host over the whole run. */
    public record Summary(long hostId, long peakCommittedBytes, double meanCommittedBytes, double meanEagerBytes,
                          long peakConfiguredBytes, int peakResidentVms, long vmsPlaced, long pressureEvents,
                          long exits, MeanOverhead meanOverhead) {
    }

    private static final class Resident {
        final Admission admission;
        final long vmId;
        final GuestTimeline timeline;
        final int shellStep;
        int next;
        long nowNanos;
        boolean placed;
        long acceptedAtShell = -1;
        long shellNanos = -1;
        long drainedNanos = -1;

        Resident(Admission admission) {
            this.admission = admission;
            this.vmId = admission.vmId();
            this.timeline = new GuestTimeline(admission.vmId(), admission.arrivalNanos());
            this.nowNanos = admission.arrivalNanos();
            int shell = 0;
            while (shell < admission.steps().size() && admission.steps().phase(shell).beforeShell()) {
                shell++;
            }
            this.shellStep = shell;
        }
    }

    private final long hostId;
    private final Hypervisor hypervisor;
    /**
     * (virtual time, VM id) order, written out: the queue compares on every event, and a composed comparator
     * made whole runs measurably slower (docs/PERFORMANCE.md, "What limits the actor engine").
     */
    private static final Comparator<Resident> NEXT_EVENT = (a, b) -> a.nowNanos != b.nowNanos
            ? Long.compare(a.nowNanos, b.nowNanos) : Long.compare(a.vmId, b.vmId);

    private final PriorityQueue<Resident> queue = new PriorityQueue<>(NEXT_EVENT);
    private long reachedNanos;
    private int resident;
    private int peakResident;
    private long vmsPlaced;
    private long events;

    public HostSimulation(long hostId, Hypervisor hypervisor) {
        this.hostId = hostId;
        this.hypervisor = hypervisor;
        hypervisor.ledger().advanceTo(0);
    }

    public void admit(Admission admission) {
        if (admission.arrivalNanos() < reachedNanos) {
            throw new IllegalStateException("VM " + admission.vmId() + " arrives at " + admission.arrivalNanos()
                    + " but host " + hostId + " has reached " + reachedNanos);
        }
        queue.add(new Resident(admission));
    }

    /** Runs every event before {@code windowEnd}; returns the VMs that ended, in the order they ended. */
    public List<Outcome> advanceTo(long windowEnd) {
        List<Outcome> ended = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().nowNanos < windowEnd) {
            Resident r = queue.poll();
            events++;
            if (!r.placed) {
                place(r);
            }
            if (r.nowNanos >= r.admission.endNanos()) {
                ended.add(end(r));
                continue;
            }
            if (r.next < r.admission.steps().size()) {
                r.nowNanos = r.timeline.advance(r.admission.steps(), r.next++, hypervisor);
                if (r.next == r.shellStep) {
                    r.acceptedAtShell = r.timeline.acceptedBytes();
                    r.shellNanos = r.nowNanos;
                }
                if (r.next - 1 == r.admission.drainStep()) {
                    r.drainedNanos = r.nowNanos;
                }
            } else {
                r.nowNanos = r.admission.endNanos();
            }
            queue.add(r);
        }
        reachedNanos = Math.max(reachedNanos, windowEnd);
        return ended;
    }

    public Snapshot snapshot() {
        HostCommitLedger ledger = hypervisor.ledger();
        return new Snapshot(hostId, reachedNanos, ledger.committedBytes(), ledger.configuredBytes(), resident,
                events, ledger.overhead());
    }

    /** Closes the books at {@code endNanos} (the study's end), or at the last event if one finished later. */
    public Summary summary(long endNanos) {
        HostCommitLedger ledger = hypervisor.ledger();
        ledger.advanceTo(Math.max(endNanos, ledger.nowNanos()));
        return new Summary(hostId, ledger.peakCommittedBytes(), ledger.meanCommittedBytes(), ledger.meanEagerBytes(),
                ledger.peakEagerBytes(), peakResident, vmsPlaced, ledger.pressureEvents(), hypervisor.exits(),
                ledger.meanOverhead());
    }

    public long hostId() {
        return hostId;
    }

    private void place(Resident r) {
        hypervisor.ledger().place(r.admission.vmId(), r.admission.configuredBytes(), r.nowNanos);
        r.placed = true;
        resident++;
        vmsPlaced++;
        peakResident = Math.max(peakResident, resident);
    }

    private Outcome end(Resident r) {
        HostCommitLedger ledger = hypervisor.ledger();
        long committed = ledger.committedBytes(r.admission.vmId());
        MemoryOverhead overhead = ledger.overhead(r.admission.vmId());
        ledger.release(r.admission.vmId(), r.nowNanos);
        resident--;
        boolean shell = r.next >= r.shellStep;
        long drained = r.drainedNanos < 0 || !shell ? -1 : Math.max(0, r.drainedNanos - r.shellNanos);
        Boot boot = new Boot(shell, shell ? r.timeline.bootToShellNanos() : -1, r.timeline.phaseTimes());
        Accepted accepted = new Accepted(shell ? r.acceptedAtShell : -1,
                r.timeline.acceptedBytes(BootPhase.EARLY_KERNEL), r.timeline.acceptedBytes(), drained);
        return new Outcome(r.admission.vmId(), hostId, r.admission.arrivalNanos(), r.nowNanos, boot, accepted,
                new HostCost(committed, overhead), r.timeline.exits(), r.admission.guest());
    }
}
