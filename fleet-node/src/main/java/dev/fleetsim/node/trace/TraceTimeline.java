package dev.fleetsim.node.trace;

import dev.fleetsim.node.fleet.Seeds;
import dev.fleetsim.node.study.TraceReading;

/**
 * Puts trace rows on the study's clock: the study's time 0 is the trace's {@code start}, trace seconds are scaled
 * by {@code time-scale}, and only the sampled subscriptions or tenants are kept. A VM created before the start and
 * still alive then boots at time 0 with the life it had left (or is left out, as the study says); one the trace
 * does not see end lives on past the study's end, as does one whose deletion falls after it.
 */
final class TraceTimeline {

    /** A life no study reaches the end of, far enough from overflow when added to an arrival. */
    static final long FOREVER = Long.MAX_VALUE / 4;

    /** A row's VM on the study's clock; {@code ordinal} is its row's place in the file, which breaks ties. */
    record Arrival(long arrivalNanos, long lifetimeNanos, long memoryBytes, int vcpus, long ordinal) {
    }

    private final TraceReading reading;
    private final long durationNanos;

    TraceTimeline(TraceReading reading, long durationNanos) {
        this.reading = reading;
        this.durationNanos = durationNanos;
    }

    /** The row's VM, or null if it is not in the study (not sampled, gone before the start, after the end). */
    Arrival place(TraceRow row, long ordinal) {
        double start = reading.startSeconds();
        if (row.deletedSeconds() <= start || !sampled(row.group())) {
            return null;
        }
        double created = row.createdSeconds();
        if (created < start) {
            if (!reading.bootAliveAtStart()) {
                return null;
            }
            created = start;
        }
        long arrival = nanos(created - start);
        if (arrival >= durationNanos) {
            return null;
        }
        long life = Double.isInfinite(row.deletedSeconds()) ? FOREVER
                : Math.max(1, Math.min(FOREVER, nanos(row.deletedSeconds() - created)));
        return new Arrival(arrival, life, row.memoryBytes(), row.vcpus(), ordinal);
    }

    /** Whether rows created at or after this one's time all fall after the study's end. */
    boolean afterEnd(TraceRow row) {
        return row.createdSeconds() > reading.startSeconds() && nanos(row.createdSeconds() - reading.startSeconds())
                >= durationNanos;
    }

    private long nanos(double traceSeconds) {
        return Math.round(traceSeconds * reading.timeScale() * 1e9);
    }

    private boolean sampled(long group) {
        return reading.sampleOneIn() == 1
                || Math.floorMod(Seeds.of(reading.sampleSeed(), group), reading.sampleOneIn()) == 0;
    }
}
