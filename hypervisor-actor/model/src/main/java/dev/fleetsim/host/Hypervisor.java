package dev.fleetsim.host;

import java.util.PriorityQueue;

/**
 * One host's hypervisor as the guests on it see it: it prices their accept requests, slowing exits by how many
 * vCPUs are exiting at once, and records what they make it commit.
 *
 * <p>Concurrency is sampled when a request starts: requests still in flight then (their vCPUs, plus the new
 * request's own) set its slowdown, and a request does not slow down those already running. Requests must arrive
 * in virtual-time order, which both engines guarantee. Not thread-safe: one actor or one event loop owns it.
 */
public final class Hypervisor {

    /** When an accept request ran and what it cost. */
    public record Accepted(long startNanos, long completionNanos, AcceptanceCost cost) {
        public long durationNanos() {
            return completionNanos - startNanos;
        }
    }

    private record InFlight(long completionNanos, int vcpus) {
    }

    private final AcceptanceCostModel costModel;
    private final ContentionCurve contention;
    private final HostCommitLedger ledger;
    private final PriorityQueue<InFlight> inFlight =
            new PriorityQueue<>((a, b) -> Long.compare(a.completionNanos(), b.completionNanos()));
    private int exitingVcpus;
    private long exits;

    public Hypervisor(AcceptanceCostModel costModel, ContentionCurve contention, HostCapacity capacity,
                      HostOverheadModel overhead) {
        this.costModel = costModel;
        this.contention = contention;
        this.ledger = new HostCommitLedger(capacity, overhead);
    }

    public Accepted accept(long guestId, AcceptRequest request, long atNanos) {
        retireUntil(atNanos);
        // a conversion forces every spinning vCPU out at once, so they exit together with the requester
        int kicked = request.path() == AcceptPath.CONVERSION ? request.spinningVcpus() : 0;
        int concurrent = exitingVcpus + request.vcpus() + kicked;
        AcceptanceCost cost = costModel.cost(request, contention.slowdown(concurrent, request.idleVcpus()));
        long completion = atNanos + Sizes.ceilDiv(stretched(cost.cpuNanos(), request.stretchPermille()),
                request.vcpus());
        if (completion > atNanos) {
            inFlight.add(new InFlight(completion, request.vcpus()));
            exitingVcpus += request.vcpus();
        }
        if (costModel.commitsOnAccept() && request.path().accepts()) {
            ledger.commit(guestId, cost.committedBytes(), atNanos);
        }
        exits += cost.exits();
        return new Accepted(atNanos, completion, cost);
    }

    /** A plain guest touched {@code bytes} of memory it had not touched before. */
    public void firstTouch(long guestId, long bytes, long atNanos) {
        if (!costModel.commitsOnAccept()) {
            ledger.commit(guestId, bytes, atNanos);
        }
    }

    public HostCommitLedger ledger() {
        return ledger;
    }

    public long exits() {
        return exits;
    }

    /** CPU time stretched by a competing guest thread, without overflowing for long requests. */
    private static long stretched(long nanos, int permille) {
        long unit = AcceptRequest.NO_STRETCH;
        return nanos / unit * permille + nanos % unit * permille / unit;
    }

    private void retireUntil(long atNanos) {
        while (!inFlight.isEmpty() && inFlight.peek().completionNanos() <= atNanos) {
            exitingVcpus -= inFlight.poll().vcpus();
        }
    }
}
