package dev.fleetsim.guest;

import java.util.ArrayList;
import java.util.List;

/** Records every range an {@link Acceptor} is called with, for tests to compare against hand-computed vectors. */
final class AcceptLog implements Acceptor {

    record Range(long start, long end) {
    }

    final List<Range> ranges = new ArrayList<>();

    @Override
    public void accept(long start, long end) {
        ranges.add(new Range(start, end));
    }

    long bytes() {
        return ranges.stream().mapToLong(r -> r.end() - r.start()).sum();
    }

    static Range range(long start, long end) {
        return new Range(start, end);
    }
}
