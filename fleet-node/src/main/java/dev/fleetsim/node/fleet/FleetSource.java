package dev.fleetsim.node.fleet;

import java.util.List;

/**
 * The fleet in arrival order, handed out as placement reaches it, so a trace of millions of VMs is read as the
 * simulation advances instead of being held whole. VM ids run from 0 in the order VMs come out.
 */
public interface FleetSource extends AutoCloseable {

    /** When the next VM arrives; {@link Long#MAX_VALUE} once there are none left. */
    long nextArrivalNanos();

    /** The next VM; only called while {@link #nextArrivalNanos()} is not {@link Long#MAX_VALUE}. */
    VmPlan next();

    /** Releases what the source reads from; a source that holds nothing open does nothing. */
    @Override
    void close();

    /** A fleet already in memory, in arrival order. */
    static FleetSource of(List<VmPlan> fleet) {
        return new FleetSource() {
            private int next;

            @Override
            public long nextArrivalNanos() {
                return next < fleet.size() ? fleet.get(next).arrivalNanos() : Long.MAX_VALUE;
            }

            @Override
            public VmPlan next() {
                return fleet.get(next++);
            }

            @Override
            public void close() {
            }
        };
    }
}
