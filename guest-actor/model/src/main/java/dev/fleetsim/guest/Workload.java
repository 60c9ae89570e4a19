package dev.fleetsim.guest;

import dev.fleetsim.host.Sizes;
import java.util.List;

/** What a guest does with memory after its shell prompt. A study picks one per scenario. */
public sealed interface Workload {

    /** A short name for results. */
    String name();

    /** A touched fraction reached along a ramp ({@link TouchProfile}). */
    record Profile(TouchProfile profile) implements Workload {
        @Override
        public String name() {
            return "profile";
        }
    }

    /**
     * {@code workers} processes allocating and touching memory as fast as the guest accepts it, until
     * {@code targetFraction} of memory is touched or nothing is left unaccepted: how validation suites drain
     * {@code nr_unaccepted} with stress tools. Each chunk of {@code chunkBytes} is accepted by min(workers, vCPUs)
     * vCPUs at once; workers beyond the vCPU count share vCPUs and add nothing.
     */
    record MemoryHog(int workers, double targetFraction, long chunkBytes) implements Workload {
        public MemoryHog {
            if (workers < 1) {
                throw new IllegalArgumentException("memory hog workers must be >= 1, was " + workers);
            }
            if (!(targetFraction > 0 && targetFraction <= 1)) {
                throw new IllegalArgumentException("memory hog target must be within (0, 1], was " + targetFraction);
            }
            if (chunkBytes < Zone.MAX_ORDER_BYTES) {
                throw new IllegalArgumentException("memory hog chunk must be >= 4M, was " + Sizes.format(chunkBytes));
            }
        }

        @Override
        public String name() {
            return "memory-hog";
        }
    }

    /** A touch curve: at each point's time after the shell, the guest has touched that many bytes. */
    record Trace(List<Point> points) implements Workload {
        /** {@code touchedBytes} touched by {@code sinceShellNanos} after the shell prompt. */
        public record Point(long sinceShellNanos, long touchedBytes) {
        }

        public Trace {
            points = List.copyOf(points);
            for (int i = 1; i < points.size(); i++) {
                if (points.get(i).sinceShellNanos() < points.get(i - 1).sinceShellNanos()) {
                    throw new IllegalArgumentException("trace points must be in time order (point " + i + ")");
                }
            }
        }

        @Override
        public String name() {
            return "trace";
        }
    }
}
